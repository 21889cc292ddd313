package dev.sourcegate.api;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import io.vertx.core.MultiMap;
import java.util.OptionalLong;

/** The Connect unary request headers we honour, validated as the protocol says. */
final class ConnectHeaders {
  static final String PROTOCOL_VERSION = "Connect-Protocol-Version";
  static final String TIMEOUT_MS = "Connect-Timeout-Ms";

  private ConnectHeaders() {}

  static void checkProtocolVersion(MultiMap headers) {
    String v = headers.get(HeaderNames.PROTOCOL_VERSION);
    if (v != null && !v.trim().equals("1")) {
      throw RpcException.invalidArgument("Connect-Protocol-Version must be 1");
    }
  }

  /** The client's timeout, if it sent one: 1 to 10 ASCII digits. */
  static OptionalLong timeoutMillis(MultiMap headers) {
    String v = headers.get(HeaderNames.TIMEOUT_MS);
    if (v == null) {
      return OptionalLong.empty();
    }
    String t = v.trim();
    if (t.isEmpty() || t.length() > 10 || !digits(t)) {
      throw RpcException.invalidArgument("Connect-Timeout-Ms must be 1 to 10 digits");
    }
    return OptionalLong.of(Long.parseLong(t));
  }

  /** True for gzip, false for identity or none; anything else is not supported. */
  static boolean gzipped(MultiMap headers) {
    String v = headers.get(HeaderNames.CONTENT_ENCODING);
    if (v == null || v.isBlank() || v.trim().equalsIgnoreCase("identity")) {
      return false;
    }
    if (v.trim().equalsIgnoreCase("gzip")) {
      return true;
    }
    throw new RpcException(Code.UNIMPLEMENTED, "Content-Encoding " + sanitize(v) + " is not supported; use gzip or identity");
  }

  /**
   * True when the client takes a gzip response (Accept-Encoding lists gzip, x-gzip or "*" with a
   * non-zero quality; an explicit gzip entry outranks "*").
   */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null || acceptEncoding.isEmpty()) {
      return false;
    }
    Boolean gzip = null;
    boolean any = false;
    for (String part : acceptEncoding.split(",")) {
      int semi = part.indexOf(';');
      String coding = (semi < 0 ? part : part.substring(0, semi)).trim().toLowerCase(java.util.Locale.ROOT);
      boolean wanted = semi < 0 || quality(part.substring(semi + 1)) > 0;
      if (coding.equals("gzip") || coding.equals("x-gzip")) {
        gzip = (gzip != null && gzip) || wanted;
      } else if (coding.equals("*")) {
        any = wanted;
      }
    }
    return gzip != null ? gzip : any;
  }

  /** The q parameter of an Accept-Encoding entry (1 when absent, 0 when unreadable). */
  private static double quality(String params) {
    for (String param : params.split(";")) {
      String p = param.trim();
      if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
        try {
          double q = Double.parseDouble(p.substring(2).trim());
          return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }

  /** 1 to 18 ASCII digits (a value that fits a long), checked without a regex on every request. */
  static boolean digits(String s) {
    if (s.isEmpty() || s.length() > 18) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static String sanitize(String v) {
    String s = v.replaceAll("[^A-Za-z0-9_.-]", "?");
    return s.length() > 32 ? s.substring(0, 32) : s;
  }
}
