package dev.ringgate.release.api;

import dev.ringgate.kernel.Patterns;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Devices a ring takes in besides its share. */
public record SelectorRequest(
    @Size(max = 100)
        List<@NotNull @Pattern(regexp = Patterns.ID, message = Patterns.ID_MESSAGE) String> groups,
    Boolean earlyAccessTenants) {}
