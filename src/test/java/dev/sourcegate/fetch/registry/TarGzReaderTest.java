package dev.sourcegate.fetch.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.demo.registries.TarWriter;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.rpc.Code;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TarGzReaderTest {
  private static final TarLimits LIMITS = new TarLimits(100, 1 << 20, 100, 4096);

  private static String read(byte[] tgz, String member) {
    return TarGzReader.member(tgz, member, LIMITS).map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
  }

  @Test
  void findsTheMemberUnderAnyTopDirectory() {
    byte[] tgz = new TarWriter().directory("package/").file("package/index.js", "a")
        .file("package/lib/router/index.js", "exact bytes\n").tgz();
    assertEquals("exact bytes\n", read(tgz, "lib/router/index.js"));
    byte[] old = new TarWriter().file("node-uuid/uuid.js", "old").tgz();
    assertEquals("old", read(old, "uuid.js"));
    assertEquals(null, read(tgz, "lib/missing.js"));
  }

  @Test
  void readsPaxAndGnuLongNames() {
    String longPath = "lib/" + "deep/".repeat(30) + "file.js";
    byte[] pax = new TarWriter().file("package/" + longPath, "pax").tgz();
    byte[] gnu = new TarWriter().gnuLongName("package/" + longPath, "gnu".getBytes(StandardCharsets.UTF_8)).tgz();
    assertEquals("pax", read(pax, longPath));
    assertEquals("gnu", read(gnu, longPath));
  }

  @Test
  void neverServesAbsoluteOrClimbingNames() {
    byte[] tgz = new TarWriter().file("package/../etc/passwd", "climb").file("/package/abs.js", "abs")
        .file("package/lib/../../x.js", "x").tgz();
    assertEquals(null, read(tgz, "../etc/passwd"));
    assertEquals(null, read(tgz, "etc/passwd"));
    assertEquals(null, read(tgz, "abs.js"));
    assertEquals(null, read(tgz, "lib/../../x.js"));
  }

  @Test
  void refusesAGzipBomb() {
    // 4 MiB of zeros inflate from ~4 KiB: far past 100x
    byte[] bomb = new TarWriter().file("package/zeros.bin", new byte[4 << 20]).file("package/index.js", "x").tgz();
    ArchiveRefused e = assertThrows(ArchiveRefused.class, () -> read(bomb, "index.js"));
    assertTrue(e.getMessage().contains("bomb"), e.getMessage());
    assertEquals(Code.RESOURCE_EXHAUSTED, e.code());
    assertEquals(ArchiveRefused.Reason.OVER_LIMIT, e.reason());
  }

  @Test
  void refusesAMemberOverTheCap() {
    byte[] tgz = new TarWriter().file("package/big.js", new byte[5000]).tgz();
    RpcException e = assertThrows(RpcException.class, () -> read(tgz, "big.js"));
    assertEquals(Code.RESOURCE_EXHAUSTED, e.code());
  }

  @Test
  void refusesTruncatedAndCorruptArchives() {
    byte[] tgz = new TarWriter().file("package/a.js", new byte[3000]).file("package/b.js", "b").tgz();
    byte[] cut = Arrays.copyOf(tgz, tgz.length / 2);
    assertEquals(Code.DATA_LOSS, assertThrows(ArchiveRefused.class, () -> read(cut, "b.js")).code());
    assertThrows(ArchiveRefused.class, () -> read("not gzip at all".getBytes(StandardCharsets.UTF_8), "b.js"));
    byte[] tar = new TarWriter().file("package/b.js", "b").tar();
    tar[10] ^= 1;
    assertThrows(ArchiveRefused.class, () -> read(TarWriter.gzip(tar), "b.js"));
    byte[] partial = Arrays.copyOf(new TarWriter().file("package/b.js", "b").tar(), 300);
    assertThrows(ArchiveRefused.class, () -> read(TarWriter.gzip(partial), "b.js"));
  }

  @Test
  void refusesTooManyEntries() {
    TarWriter w = new TarWriter();
    for (int i = 0; i < 101; i++) {
      w.file("package/f" + i + ".js", "");
    }
    w.file("package/last.js", "x");
    assertEquals(Code.RESOURCE_EXHAUSTED, assertThrows(ArchiveRefused.class, () -> read(w.tgz(), "last.js")).code());
    assertEquals(Optional.empty(), TarGzReader.member(new TarWriter().tgz(), "a.js", LIMITS));
  }
}
