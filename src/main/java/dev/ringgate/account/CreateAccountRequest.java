package dev.ringgate.account;

import dev.ringgate.kernel.Patterns;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A new vendor or tenant. */
public record CreateAccountRequest(
    @NotNull @Pattern(regexp = Patterns.ID, message = Patterns.ID_MESSAGE) String id,
    @NotBlank @Size(max = 200) String name,
    @Size(max = 2000) String reason) {}
