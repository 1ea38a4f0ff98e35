package dev.ringgate.release;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.ringgate.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /api/v1/products: a vendor's own products, the operator's all, newest first, paged. */
@QuarkusTest
class ProductListApiTest {

  private static List<String> ids(String key, String query) {
    return Api.as(key)
        .get("/api/v1/products" + query)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("id", String.class);
  }

  @Test
  void aVendorListsItsOwnProductsNewestFirstWithTheirRingPlans() {
    // Given a vendor with three products
    String key = Api.vendorKey(Api.newVendor());
    String first = Api.newProduct(key, "AGENT");
    String second = Api.newProduct(key, "CONTENT");
    String third = Api.newProduct(key, "AGENT");

    // When / Then
    assertThat(ids(key, "")).containsExactly(third, second, first);
    Api.as(key)
        .get("/api/v1/products")
        .then()
        .statusCode(200)
        .body("[1].kind", equalTo("CONTENT"))
        .body("[1].ringPlan.rings.size()", org.hamcrest.Matchers.greaterThan(0));
  }

  @Test
  void anotherVendorsProductsAreNotVisible() {
    // Given two vendors with a product each
    String mine = Api.vendorKey(Api.newVendor());
    String myProduct = Api.newProduct(mine, "AGENT");
    String theirs = Api.vendorKey(Api.newVendor());
    String theirProduct = Api.newProduct(theirs, "AGENT");

    // When / Then
    assertThat(ids(mine, "")).containsExactly(myProduct).doesNotContain(theirProduct);
    assertThat(ids(theirs, "")).containsExactly(theirProduct);
  }

  @Test
  void anotherVendorsProductIsNoCursorForPaging() {
    String mine = Api.vendorKey(Api.newVendor());
    Api.newProduct(mine, "AGENT");
    String theirProduct = Api.newProduct(Api.vendorKey(Api.newVendor()), "AGENT");

    Api.as(mine)
        .get("/api/v1/products?before=" + theirProduct)
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("before"));
  }

  @Test
  void theOperatorSeesEveryVendorsProducts() {
    String a = Api.newProduct(Api.vendorKey(Api.newVendor()), "AGENT");
    String b = Api.newProduct(Api.vendorKey(Api.newVendor()), "CONTENT");

    assertThat(ids(Api.OPERATOR_KEY, "?limit=1000")).contains(a, b);
  }

  @Test
  void pagesFollowOneAnotherWithBeforeAndLimit() {
    // Given five products
    String key = Api.vendorKey(Api.newVendor());
    for (int i = 0; i < 5; i++) {
      Api.newProduct(key, "AGENT");
    }
    List<String> all = ids(key, "");

    // When
    List<String> page1 = ids(key, "?limit=2");
    List<String> page2 = ids(key, "?limit=2&before=" + page1.get(1));
    List<String> page3 = ids(key, "?limit=2&before=" + page2.get(1));

    // Then
    assertThat(page1).containsExactlyElementsOf(all.subList(0, 2));
    assertThat(page2).containsExactlyElementsOf(all.subList(2, 4));
    assertThat(page3).containsExactlyElementsOf(all.subList(4, 5));
  }

  @Test
  void aLimitOutOfRangeIsRefusedNamingIt() {
    String key = Api.vendorKey(Api.newVendor());

    Api.as(key)
        .get("/api/v1/products?limit=1001")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("limit"));
  }

  @Test
  void fleetAdminsAndDevicesMayNotListProducts() {
    String tenant = Api.newTenant();

    Api.as(Api.fleetAdminKey(tenant)).get("/api/v1/products").then().statusCode(403);
    Api.as(Api.deviceKey(tenant)).get("/api/v1/products").then().statusCode(403);
  }

  @Test
  void withoutCredentialsTheListIs401() {
    given().get("/api/v1/products").then().statusCode(401);
  }
}
