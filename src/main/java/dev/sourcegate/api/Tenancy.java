package dev.sourcegate.api;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;

/**
 * Which tenant a request belongs to (docs/api.md §3). Single-tenant serves "anonymous" and
 * ignores X-Scope-OrgID; multi-tenant takes it from that header with the same rules as Pyroscope
 * (letters, digits and ! - _ . * ' ( ), at most 150 characters, not "." or "..").
 */
public final class Tenancy {
  public static final String HEADER = "X-Scope-OrgID";
  public static final String ANONYMOUS = "anonymous";
  static final int MAX_LENGTH = 150;

  private final boolean multitenant;

  public Tenancy(boolean multitenant) {
    this.multitenant = multitenant;
  }

  public boolean multitenant() {
    return multitenant;
  }

  public String tenantOf(String header) {
    if (!multitenant) {
      return ANONYMOUS;
    }
    return validate(header);
  }

  public static String validate(String id) {
    if (id == null || id.isEmpty()) {
      throw new RpcException(Code.UNAUTHENTICATED, "no org id");
    }
    if (id.length() > MAX_LENGTH) {
      throw new RpcException(Code.UNAUTHENTICATED, "tenant ID is too long: max " + MAX_LENGTH + " characters");
    }
    if (id.equals(".") || id.equals("..")) {
      throw new RpcException(Code.UNAUTHENTICATED, "tenant ID is '.' or '..'");
    }
    for (int i = 0; i < id.length(); i++) {
      if (!allowed(id.charAt(i))) {
        throw new RpcException(Code.UNAUTHENTICATED, "tenant ID contains an unsupported character");
      }
    }
    return id;
  }

  private static boolean allowed(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || "!-_.*'()".indexOf(c) >= 0;
  }
}
