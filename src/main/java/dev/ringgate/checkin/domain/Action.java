package dev.ringgate.checkin.domain;

/** What a device is told to do. */
public enum Action {
  INSTALL,
  STAY,
  ROLLBACK
}
