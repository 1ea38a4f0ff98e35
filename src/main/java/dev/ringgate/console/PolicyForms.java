package dev.ringgate.console;

import dev.ringgate.console.PolicyForm.GroupRow;
import dev.ringgate.console.PolicyForm.Option;
import dev.ringgate.console.PolicyForm.WindowRow;
import dev.ringgate.policy.api.PolicyRequest;
import dev.ringgate.policy.api.PolicyRequest.GroupRequest;
import dev.ringgate.policy.api.PolicyRequest.WindowRequest;
import dev.ringgate.policy.api.PolicyView;
import dev.ringgate.policy.domain.Channel;
import dev.ringgate.policy.domain.Day;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Between the policy form and {@link PolicyRequest}: the form of a stored policy, the request a
 * submitted form makes, and the submitted form again with the refusals next to their fields. Window
 * rows are numbered as the form numbers them; a blank row is left out of the request.
 */
final class PolicyForms {
  static final int SPARE_ROWS = 1;

  private PolicyForms() {}

  /** The form showing {@code view}, with a blank row to add a window and a group. */
  static PolicyForm of(PolicyView view, String saved) {
    List<WindowRow> windows = new ArrayList<>();
    for (WindowRequest w : view.maintenanceWindows()) {
      windows.add(
          window(
              windows.size(),
              w.days().stream().map(Day::name).toList(),
              w.start(),
              w.end(),
              w.zone(),
              Map.of()));
    }
    windows.add(window(windows.size(), List.of(), "", "", "UTC", Map.of()));
    List<GroupRow> groups = new ArrayList<>();
    view.groups()
        .forEach(
            (name, g) ->
                groups.add(
                    group(groups.size(), name, g.earliestRing(), g.requireApproval(), null)));
    groups.add(group(groups.size(), "", "", null, null));
    return new PolicyForm(
        view.tenantId(),
        view.productId(),
        channels(view.channel() == null ? Channel.STAGED.name() : view.channel().name()),
        nonNull(view.pinnedVersion()),
        null,
        view.requireApproval(),
        view.freezeUntil() == null ? "" : view.freezeUntil().toString(),
        null,
        windows,
        groups,
        List.of(),
        saved,
        view.isDefault());
  }

  /** What a submitted form asks for; what cannot even be read goes to {@code errors}. */
  static PolicyRequest request(
      MultivaluedMap<String, String> form, Map<String, String> errors, List<Integer> rows) {
    Channel channel = null;
    try {
      channel = Channel.valueOf(value(form, "channel"));
    } catch (IllegalArgumentException e) {
      errors.put("channel", "must be one of " + Arrays.toString(Channel.values()));
    }
    OffsetDateTime freeze = null;
    String freezeText = value(form, "freezeUntil");
    if (!freezeText.isEmpty()) {
      try {
        freeze = OffsetDateTime.parse(freezeText);
      } catch (DateTimeParseException e) {
        errors.put("freezeUntil", "must be a time such as 2026-12-24T18:00:00Z");
      }
    }
    List<WindowRequest> windows = new ArrayList<>();
    for (int i = 0; form.containsKey("w" + i + ".start"); i++) {
      List<String> days = form.getOrDefault("w" + i + ".days", List.of());
      String start = value(form, "w" + i + ".start");
      String end = value(form, "w" + i + ".end");
      if (days.isEmpty() && start.isEmpty() && end.isEmpty()) {
        continue;
      }
      List<Day> parsed = new ArrayList<>();
      for (String day : days) {
        try {
          parsed.add(Day.valueOf(day));
        } catch (IllegalArgumentException e) {
          errors.put("maintenanceWindows[" + windows.size() + "].days", "has an unknown day");
        }
      }
      rows.add(i);
      windows.add(new WindowRequest(parsed, start, end, value(form, "w" + i + ".zone")));
    }
    Map<String, GroupRequest> groups = new LinkedHashMap<>();
    for (int i = 0; form.containsKey("g" + i + ".name"); i++) {
      String name = value(form, "g" + i + ".name");
      if (!name.isEmpty()) {
        String ring = value(form, "g" + i + ".earliestRing");
        String approval = value(form, "g" + i + ".requireApproval");
        groups.put(
            name,
            new GroupRequest(
                ring.isEmpty() ? null : ring,
                approval.isEmpty() ? null : Boolean.valueOf(approval)));
      }
    }
    String pinned = value(form, "pinnedVersion");
    String reason = value(form, "reason");
    return new PolicyRequest(
        channel,
        pinned.isEmpty() ? null : pinned,
        "on".equals(value(form, "requireApproval")),
        groups,
        windows,
        freeze,
        reason.isEmpty() ? null : reason);
  }

  /**
   * The submitted form again, as typed, with each refusal ({@code field → message}, field as the
   * API names it: {@code maintenanceWindows[0].end}) next to its field.
   */
  static PolicyForm refused(
      String tenantId,
      String productId,
      MultivaluedMap<String, String> form,
      Map<String, String> errors,
      List<Integer> rows) {
    Map<String, String> left = new LinkedHashMap<>(errors);
    List<WindowRow> windows = new ArrayList<>();
    for (int i = 0; form.containsKey("w" + i + ".start"); i++) {
      windows.add(
          window(
              i,
              form.getOrDefault("w" + i + ".days", List.of()),
              value(form, "w" + i + ".start"),
              value(form, "w" + i + ".end"),
              value(form, "w" + i + ".zone"),
              rowErrors(left, rows.indexOf(i))));
    }
    List<GroupRow> groups = new ArrayList<>();
    for (int i = 0; form.containsKey("g" + i + ".name"); i++) {
      String approval = value(form, "g" + i + ".requireApproval");
      groups.add(
          group(
              i,
              value(form, "g" + i + ".name"),
              value(form, "g" + i + ".earliestRing"),
              approval.isEmpty() ? null : Boolean.valueOf(approval),
              null));
    }
    String pinnedError = left.remove("pinnedVersion");
    String freezeError = left.remove("freezeUntil");
    List<String> general = new ArrayList<>();
    left.forEach((field, message) -> general.add(field + ": " + message));
    return new PolicyForm(
        tenantId,
        productId,
        channels(value(form, "channel")),
        value(form, "pinnedVersion"),
        pinnedError,
        "on".equals(value(form, "requireApproval")),
        value(form, "freezeUntil"),
        freezeError,
        windows,
        groups,
        general,
        null,
        false);
  }

  /** Takes the refusals of the request's window {@code requestIndex} out of {@code left}. */
  private static Map<String, String> rowErrors(Map<String, String> left, int requestIndex) {
    Map<String, String> mine = new LinkedHashMap<>();
    if (requestIndex < 0) {
      return mine;
    }
    String prefix = "maintenanceWindows[" + requestIndex + "].";
    left.entrySet()
        .removeIf(
            e -> {
              if (!e.getKey().startsWith(prefix)) {
                return false;
              }
              String field = e.getKey().substring(prefix.length());
              int bracket = field.indexOf('[');
              mine.merge(
                  bracket < 0 ? field : field.substring(0, bracket),
                  e.getValue(),
                  (a, b) -> a + "; " + b);
              return true;
            });
    return mine;
  }

  private static WindowRow window(
      int index,
      List<String> days,
      String start,
      String end,
      String zone,
      Map<String, String> errors) {
    List<Option> boxes = new ArrayList<>();
    for (Day day : Day.values()) {
      boxes.add(new Option(day.name(), Fmt.words(day.name()), days.contains(day.name())));
    }
    return new WindowRow(
        index,
        boxes,
        nonNull(start),
        nonNull(end),
        nonNull(zone),
        errors.get("days"),
        errors.get("start"),
        errors.get("end"),
        errors.get("zone"));
  }

  private static GroupRow group(
      int index, String name, String ring, Boolean approval, String error) {
    String chosen = approval == null ? "" : approval.toString();
    return new GroupRow(
        index,
        nonNull(name),
        nonNull(ring),
        List.of(
            new Option("", "as the tenant", chosen.isEmpty()),
            new Option("true", "required", chosen.equals("true")),
            new Option("false", "not required", chosen.equals("false"))),
        error);
  }

  private static List<Option> channels(String chosen) {
    return Arrays.stream(Channel.values())
        .map(c -> new Option(c.name(), Fmt.words(c.name()), c.name().equals(chosen)))
        .toList();
  }

  private static String value(MultivaluedMap<String, String> form, String name) {
    String value = form.getFirst(name);
    return value == null ? "" : value.strip();
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }
}
