package dev.ringgate.release;

import static dev.ringgate.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.ringgate.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Creating a product says nothing about other vendors' product ids. */
@QuarkusTest
class ProductIdDisclosureTest {

  @Test
  void anIdTakenByAnotherVendorIsAGeneric409ThatNamesNoProduct() {
    // Given: vendor v2 owns a product
    String v2 = Api.vendorKey(Api.newVendor());
    String taken = Api.newProduct(v2, "AGENT");
    String v1 = Api.vendorKey(Api.newVendor());

    // When / Then
    as(v1)
        .body(Map.of("id", taken, "name", "Mine", "kind", "AGENT"))
        .post("/api/v1/products")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", equalTo("This product id is not available; choose another."))
        .body("detail", not(containsString(taken)));
  }

  @Test
  void theVendorsOwnDuplicateIsNamed() {
    // Given
    String v1 = Api.vendorKey(Api.newVendor());
    String own = Api.newProduct(v1, "AGENT");

    // When / Then
    as(v1)
        .body(Map.of("id", own, "name", "Again", "kind", "AGENT"))
        .post("/api/v1/products")
        .then()
        .statusCode(409)
        .body("detail", equalTo("A product '" + own + "' exists."));
  }
}
