package dev.sourcegate.rpc;

import java.util.Arrays;

/**
 * Connect error codes with their HTTP status. The numeric value is the gRPC code number; it is what
 * travels as the event bus failure code, so a verticle's failure becomes the right Connect error at the edge.
 */
public enum Code {
  CANCELED("canceled", 499, 1),
  UNKNOWN("unknown", 500, 2),
  INVALID_ARGUMENT("invalid_argument", 400, 3),
  DEADLINE_EXCEEDED("deadline_exceeded", 504, 4),
  NOT_FOUND("not_found", 404, 5),
  PERMISSION_DENIED("permission_denied", 403, 7),
  RESOURCE_EXHAUSTED("resource_exhausted", 429, 8),
  UNIMPLEMENTED("unimplemented", 501, 12),
  INTERNAL("internal", 500, 13),
  UNAVAILABLE("unavailable", 503, 14),
  DATA_LOSS("data_loss", 500, 15),
  UNAUTHENTICATED("unauthenticated", 401, 16);

  private final String connectName;
  private final int httpStatus;
  private final int number;

  Code(String connectName, int httpStatus, int number) {
    this.connectName = connectName;
    this.httpStatus = httpStatus;
    this.number = number;
  }

  public String connectName() {
    return connectName;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public int number() {
    return number;
  }

  /** The code for a bus failure number; anything not ours is UNKNOWN. */
  public static Code fromNumber(int number) {
    return Arrays.stream(values()).filter(c -> c.number == number).findFirst().orElse(UNKNOWN);
  }
}
