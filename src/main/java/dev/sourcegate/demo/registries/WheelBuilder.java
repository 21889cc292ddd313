package dev.sourcegate.demo.registries;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A wheel (a zip) built in memory for the simulated registry: members deflated, or stored when asked,
 * with the dist-info metadata a wheel carries. Never touches the disk.
 */
public final class WheelBuilder {
  private final Map<String, byte[]> deflated = new LinkedHashMap<>();
  private final Map<String, byte[]> stored = new LinkedHashMap<>();

  public WheelBuilder member(String name, String text) {
    return member(name, text.getBytes(StandardCharsets.UTF_8));
  }

  public WheelBuilder member(String name, byte[] bytes) {
    deflated.put(name, bytes);
    return this;
  }

  /** A member kept uncompressed (method 0), as some wheel builders store small files. */
  public WheelBuilder storedMember(String name, byte[] bytes) {
    stored.put(name, bytes);
    return this;
  }

  /** The wheel of distribution at version, with its members and a minimal dist-info. */
  public byte[] build(String distribution, String version) {
    String info = distribution.replace('-', '_') + "-" + version + ".dist-info/";
    member(info + "METADATA", "Metadata-Version: 2.1\nName: " + distribution + "\nVersion: " + version + "\n");
    member(info + "WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
    return zip();
  }

  /** Just the members given, in order: for archives a test shapes itself. */
  public byte[] zip() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : deflated.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
      for (Map.Entry<String, byte[]> e : stored.entrySet()) {
        ZipEntry entry = new ZipEntry(e.getKey());
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(e.getValue().length);
        entry.setCompressedSize(e.getValue().length);
        CRC32 crc = new CRC32();
        crc.update(e.getValue());
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
