package dev.ringgate.console;

import dev.ringgate.kernel.TimeSource;
import dev.ringgate.release.ProductService;
import dev.ringgate.release.ReleaseService;
import dev.ringgate.release.api.ProductView;
import dev.ringgate.rollout.RolloutService;
import dev.ringgate.rollout.api.RolloutView;
import dev.ringgate.rollout.api.RolloutView.RingView;
import dev.ringgate.rollout.domain.RolloutState;
import dev.ringgate.security.Caller;
import dev.ringgate.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the vendor pages' content from the same services as {@code /api/v1}, called as the
 * signed-in caller: whatever the key may not read is refused here exactly as there.
 */
@ApplicationScoped
public class RolloutModels {
  /** The states of a rollout that is still running (or stopped, waiting for a decision). */
  static final Set<RolloutState> RUNNING =
      Set.of(
          RolloutState.PENDING, RolloutState.IN_PROGRESS, RolloutState.PAUSED, RolloutState.HALTED);

  private final RolloutService rollouts;
  private final ProductService products;
  private final ReleaseService releases;
  private final TimeSource time;

  RolloutModels(
      RolloutService rollouts, ProductService products, ReleaseService releases, TimeSource time) {
    this.rollouts = rollouts;
    this.products = products;
    this.releases = releases;
    this.time = time;
  }

  /** One rollout's page. */
  public RolloutModel rollout(Caller caller, String rolloutId) {
    RolloutView view = rollouts.get(caller, rolloutId);
    ProductView product = products.get(caller, view.productId());
    Instant now = time.now();
    List<String> ringNames = view.rings().stream().map(RingView::name).toList();
    return new RolloutModel(
        view,
        releases.get(caller, view.releaseId()),
        Fmt.words(view.state().name()),
        view.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
        rows(view, now),
        RolloutWords.verdict(view),
        RolloutWords.next(view, product.ringPlan(), now),
        newestFirst(view.history().stream().map(t -> HistoryRow.of(t, ringNames)).toList()),
        caller.is(Role.VENDOR) ? actions(view.state()) : List.of());
  }

  /** Every running rollout of the caller's products, one line per ring reached so far. */
  public List<RolloutLine> running(Caller caller) {
    Instant now = time.now();
    List<RolloutLine> lines = new ArrayList<>();
    for (ProductView product : products.list(caller)) {
      for (RolloutView view : rollouts.list(caller, product.id(), null, null, 20)) {
        if (!RUNNING.contains(view.state())) {
          continue;
        }
        String next = RolloutWords.next(view, product.ringPlan(), now);
        List<RingRow> rows = rows(view, now);
        int last = view.state() == RolloutState.PENDING ? 0 : view.ringIndex();
        for (int i = 0; i <= last; i++) {
          lines.add(
              new RolloutLine(
                  view.id(),
                  product.id(),
                  view.version(),
                  Fmt.words(view.state().name()),
                  rows.get(i),
                  i == last ? next : ""));
        }
      }
    }
    return lines;
  }

  /** The products the caller may list, with their ring plans. */
  public List<ProductView> products(Caller caller) {
    return products.list(caller);
  }

  /** A product's rollouts, newest first. */
  public List<RolloutView> history(Caller caller, String productId) {
    return rollouts.list(caller, productId, null, null, 50);
  }

  public ProductView product(Caller caller, String productId) {
    return products.get(caller, productId);
  }

  private static List<RingRow> rows(RolloutView view, Instant now) {
    List<RingRow> rows = new ArrayList<>();
    List<RingView> rings = view.rings();
    for (int i = 0; i < rings.size(); i++) {
      Instant ended = i + 1 < rings.size() ? rings.get(i + 1).startedAt() : null;
      if (ended == null && view.state() != RolloutState.IN_PROGRESS) {
        ended = view.updatedAt();
      }
      rows.add(RingRow.of(rings.get(i), ended, i == view.ringIndex(), now));
    }
    return rows;
  }

  private static <T> List<T> newestFirst(List<T> oldestFirst) {
    List<T> list = new ArrayList<>(oldestFirst);
    java.util.Collections.reverse(list);
    return list;
  }

  /** The actions a vendor may take in {@code state}, as their path names. */
  static List<String> actions(RolloutState state) {
    return switch (state) {
      case PENDING -> List.of("start");
      case IN_PROGRESS -> List.of("promote", "pause", "halt", "rollback");
      case PAUSED -> List.of("resume", "halt", "rollback");
      case HALTED -> List.of("resume", "rollback");
      case ROLLED_BACK -> List.of("resume");
      case COMPLETED, SUPERSEDED -> List.of();
    };
  }
}
