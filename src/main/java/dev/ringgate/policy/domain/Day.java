package dev.ringgate.policy.domain;

/** A day of a maintenance window, as fleet admins write it. */
public enum Day {
  MON,
  TUE,
  WED,
  THU,
  FRI,
  SAT,
  SUN
}
