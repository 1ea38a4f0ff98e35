package dev.ringgate.account;

/** The two kinds of account an operator creates: vendors publish, tenants run fleets. */
public enum AccountKind {
  VENDOR("vendors", "vendor"),
  TENANT("tenants", "tenant");

  private final String table;
  private final String noun;

  AccountKind(String table, String noun) {
    this.table = table;
    this.noun = noun;
  }

  public String table() {
    return table;
  }

  public String noun() {
    return noun;
  }
}
