package dev.ringgate.release;

import static dev.ringgate.support.Api.as;
import static org.hamcrest.Matchers.equalTo;

import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Release notes are plain text of bounded length, shown to people as sent. */
@QuarkusTest
class ReleaseNotesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Fixes \u001b[2J\u001b[31mthe screen",
        "Fixes the \u202egnp.exe",
        "Fixes\u0000",
        "Fixes\r\nthe crash",
        "Fixes \u0085 next line",
        "Fixes \u2066isolated\u2069"
      })
  void notesWithControlOrBidiCharactersAre400NamingNotes(String notes) {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();

    // When / Then
    as(vendor.key())
        .body(vendor.release("1.0.0").notes(notes).body())
        .post("/api/v1/products/" + vendor.productId() + "/releases")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("violations[0].field", equalTo("notes"));
  }

  @Test
  void notesLongerThan4096CharactersAre400() {
    VendorSetup vendor = VendorSetup.agentVendor();
    as(vendor.key())
        .body(vendor.release("1.0.0").notes("x".repeat(4097)).body())
        .post("/api/v1/products/" + vendor.productId() + "/releases")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("notes"));
  }

  @Test
  void notesWithLinesTabsAndAnyScriptAreKeptAsSent() {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    String notes = "Fixes:\n\t- the <b>crash</b> on start\n\t- 起動時のクラッシュ\n" + "x".repeat(4000);

    // When / Then
    as(vendor.key())
        .body(vendor.release("1.0.0").notes(notes).body())
        .post("/api/v1/products/" + vendor.productId() + "/releases")
        .then()
        .statusCode(201);
  }
}
