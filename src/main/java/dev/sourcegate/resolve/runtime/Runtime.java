package dev.sourcegate.resolve.runtime;

/** A runtime whose own code a profile names and whose version the application's repository tells. */
public enum Runtime {
  JDK,
  KOTLIN,
  NODE,
  PYTHON,
  RUBY,
  RUST
}
