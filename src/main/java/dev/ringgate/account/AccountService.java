package dev.ringgate.account;

import dev.ringgate.events.EventRecorder;
import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.ErrorCode;
import dev.ringgate.kernel.TimeSource;
import dev.ringgate.security.Access;
import dev.ringgate.security.Caller;
import dev.ringgate.security.Role;
import dev.ringgate.store.ChangeFeed;
import dev.ringgate.store.Store;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Vendors and tenants: created by operators, each readable by itself. */
@ApplicationScoped
public class AccountService {
  private final Store store;
  private final EventRecorder events;
  private final ChangeFeed changes;
  private final TimeSource time;

  AccountService(Store store, EventRecorder events, ChangeFeed changes, TimeSource time) {
    this.store = store;
    this.events = events;
    this.changes = changes;
    this.time = time;
  }

  public Account create(Caller caller, AccountKind kind, CreateAccountRequest request) {
    Access.requireOperator(caller);
    Account account = new Account(request.id(), request.name(), time.now());
    Account created =
        store.inTransaction(
            c -> {
              if (find(c, kind, request.id()).isPresent()) {
                throw new ApiException(
                    ErrorCode.ALREADY_EXISTS,
                    "A " + kind.noun() + " '" + request.id() + "' exists.");
              }
              AccountStore.insert(c, kind, account);
              events.record(
                  c,
                  caller.actor(),
                  request.reason(),
                  AccountEvents.created(kind, account.id(), account.name()));
              changes.bump(c);
              return account;
            });
    changes.committed();
    return created;
  }

  /** Accounts newest first; {@code before} is the id of the last one of the previous page. */
  public List<Account> list(Caller caller, AccountKind kind, String before, int limit) {
    Access.requireOperator(caller);
    return store.read(c -> AccountStore.list(c, kind, before, limit));
  }

  /** One account: operators see all, a vendor or tenant credential only its own. */
  public Account get(Caller caller, AccountKind kind, String id) {
    Role own = kind == AccountKind.VENDOR ? Role.VENDOR : Role.FLEET_ADMIN;
    Access.requireRole(caller, Role.OPERATOR, own);
    String scope = kind == AccountKind.VENDOR ? caller.vendorId() : caller.tenantId();
    if (!caller.is(Role.OPERATOR) && !id.equals(scope)) {
      throw ApiException.notFound(kind.noun(), id);
    }
    return store
        .read(c -> find(c, kind, id))
        .orElseThrow(() -> ApiException.notFound(kind.noun(), id));
  }

  /** Whether the account exists, in {@code c}'s transaction. */
  public static boolean exists(Connection c, AccountKind kind, String id) throws SQLException {
    return find(c, kind, id).isPresent();
  }

  private static Optional<Account> find(Connection c, AccountKind kind, String id)
      throws SQLException {
    return AccountStore.find(c, kind, id);
  }
}
