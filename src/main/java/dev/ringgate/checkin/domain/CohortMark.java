package dev.ringgate.checkin.domain;

import dev.ringgate.release.domain.Version;
import java.util.ArrayList;
import java.util.List;

/**
 * What a check-in tells the health gate about the device, per rollout: it was offered the release
 * (told to INSTALL it), it runs the release (a good boot), or it is a control device (on an older
 * version, not offered the release: in a ring the rollout has reached, or in one it has not, which
 * makes it part of the fleet control, see {@code FleetControl}). A pure function of the decision.
 */
public record CohortMark(Kind kind, String rolloutId, int ring) {

  public enum Kind {
    OFFERED,
    BOOTED,
    CONTROL
  }

  /**
   * Whether the health gate still counts devices of a release with this availability: while its
   * rollout is in progress or paused, and after a halt (counters keep counting), not once it
   * completed or was superseded.
   */
  public static boolean counts(Availability availability) {
    return availability == Availability.IN_RINGS
        || availability == Availability.PAUSED
        || availability == Availability.HALTED
        || availability == Availability.ROLLED_BACK;
  }

  /**
   * Whether any rollout of the product may concern this check-in: the device runs or is offered a
   * release whose devices are counted, or a rollout is in its rings. Cheap, so that check-ins of a
   * product at rest compute nothing more.
   */
  public static boolean concerns(ProductEntry product, Decision decision) {
    ReleaseEntry running = decision.running();
    ReleaseEntry target = decision.target();
    return product.inRings() != null
        || (running != null && running.admission() != null && counts(running.availability()))
        || (decision.action() == Action.INSTALL
            && target.admission() != null
            && counts(target.availability()));
  }

  /** The marks of one check-in; empty when no rollout of the product concerns the device. */
  public static List<CohortMark> of(
      ProductEntry product,
      CheckinRequest request,
      Decision decision,
      int position,
      boolean earlyAccess) {
    List<CohortMark> marks = new ArrayList<>(2);
    ReleaseEntry running = decision.running();
    if (running != null && running.admission() != null && counts(running.availability())) {
      marks.add(
          new CohortMark(
              Kind.BOOTED,
              running.rolloutId(),
              running.admission().ringOf(position, request.groups(), earlyAccess)));
    }
    ReleaseEntry target = decision.target();
    if (decision.action() == Action.INSTALL
        && target.admission() != null
        && counts(target.availability())) {
      marks.add(
          new CohortMark(
              Kind.OFFERED,
              target.rolloutId(),
              target.admission().ringOf(position, request.groups(), earlyAccess)));
    }
    ReleaseEntry active = product.inRings();
    if (active == null || active == target || active == running) {
      return marks;
    }
    Version current = running != null ? running.version() : product.parseOrNull(request.current());
    if (current == null || active.version().compareTo(current) <= 0) {
      return marks;
    }
    int ring = active.admission().ringOf(position, request.groups(), earlyAccess);
    if (active.runsOn(request.platform(), request.agentVersion())) {
      marks.add(new CohortMark(Kind.CONTROL, active.rolloutId(), ring));
    }
    return marks;
  }
}
