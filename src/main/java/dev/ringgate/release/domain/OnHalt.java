package dev.ringgate.release.domain;

/** What a halt does to devices already on the release: stay on it, or roll back. */
public enum OnHalt {
  STOP,
  ROLLBACK
}
