package dev.sourcegate.resolve;

import dev.sourcegate.rpc.RpcException;

/** Field length limits: generous for real profiles, small enough that no field is a way to flood us. */
public final class InputLimits {
  public static final int MAX_URL = 2048;
  public static final int MAX_PATH = 4096;
  public static final int MAX_FUNCTION_NAME = 4096;
  public static final int MAX_REF = 255;

  private InputLimits() {}

  public static String limit(String field, String value, int max) {
    if (value.length() > max) {
      throw RpcException.invalidArgument(field + " is longer than the limit of " + max + " characters");
    }
    return value;
  }
}
