package dev.sourcegate.fetch.isolation;

/** What one upstream call says about the upstream's health. */
public enum Outcome {
  /** An answer below 500 (4xx and rate-limit answers included: the upstream is up and answering). */
  ANSWERED,
  /** A 5xx, a connection error or the upstream's own timeout. */
  FAULT,
  /** Says nothing about the upstream: the caller's deadline ran out first, or the answer was too large for us. */
  NEUTRAL
}
