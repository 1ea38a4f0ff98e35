package dev.ringgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringgate.kernel.ApiClient;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code product}: a vendor's products. */
@Command(
    name = "product",
    description = "A vendor's products.",
    subcommands = {
      ProductCommand.Create.class,
      ProductCommand.Get.class,
      ProductCommand.ListAll.class
    })
final class ProductCommand {
  @Mixin Help help;

  /** {@code product create}. */
  @Command(name = "create", description = "Creates a product of the calling vendor.")
  static final class Create extends ClientCommand {
    @Parameters(paramLabel = "ID", description = "The product id.")
    String id;

    @Option(names = "--name", paramLabel = "NAME", description = "Its name (default: the id).")
    String name;

    @Option(
        names = "--kind",
        paramLabel = "KIND",
        defaultValue = "AGENT",
        description = "AGENT or CONTENT (default ${DEFAULT-VALUE}).")
    String kind;

    @Option(
        names = "--versioning",
        paramLabel = "SCHEME",
        description = "SEMVER or SEQUENCE (default: the server's).")
    String versioning;

    @Override
    protected int run(ApiClient api) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("id", id);
      body.put("name", name != null ? name : id);
      body.put("kind", kind);
      if (versioning != null) {
        body.put("versioning", versioning);
      }
      JsonNode product = api.post("/api/v1/products", body).expect(201);
      out().println(product.path("id").asText());
      return 0;
    }
  }

  /** {@code product get}. */
  @Command(name = "get", description = "Shows a product with its ring plan (JSON).")
  static final class Get extends ClientCommand {
    @Parameters(paramLabel = "ID", description = "The product id.")
    String id;

    @Override
    protected int run(ApiClient api) {
      printJson(api.get("/api/v1/products/" + enc(id)).expect(200));
      return 0;
    }
  }

  /** {@code product list}. */
  @Command(name = "list", description = "Lists the caller's products (the operator sees all).")
  static final class ListAll extends ClientCommand {
    @Option(names = "--json", description = "Print the server's JSON.")
    boolean json;

    @Override
    protected int run(ApiClient api) {
      JsonNode products = api.get("/api/v1/products").expect(200);
      if (json) {
        printJson(products);
        return 0;
      }
      JsonNode items = products.isArray() ? products : products.path("items");
      out().printf("%-32s %-8s %s%n", "PRODUCT", "KIND", "NAME");
      for (JsonNode p : items) {
        out()
            .printf(
                "%-32s %-8s %s%n",
                p.path("id").asText(), p.path("kind").asText(), p.path("name").asText());
      }
      return 0;
    }
  }
}
