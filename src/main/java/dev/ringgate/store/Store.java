package dev.ringgate.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jboss.logging.Logger;

/**
 * The one way into the database: plain JDBC over whichever datasource is active (embedded H2 by
 * default, PostgreSQL with the {@code pg} profile). Writes run in one transaction each; a failure
 * to reach the store becomes {@link StoreUnavailableException} (503), anything else {@link
 * StoreException}.
 */
@ApplicationScoped
public class Store {
  private static final Logger LOG = Logger.getLogger(Store.class);

  private final AgroalDataSource dataSource;
  private final boolean postgres;

  Store(
      @DataSource("h2") InjectableInstance<AgroalDataSource> h2,
      @DataSource("pg") InjectableInstance<AgroalDataSource> pg) {
    this.postgres = pg.getHandle().getBean().isActive();
    this.dataSource = postgres ? pg.get() : h2.get();
  }

  /**
   * Warns when the embedded store would acknowledge commits before writing them: H2 writes
   * committed transactions in the background unless its URL says {@code WRITE_DELAY=0} (as the
   * default URL does), and a killed process then loses writes that were answered 200.
   */
  void checkDurability(@Observes StartupEvent start) {
    if (postgres) {
      return;
    }
    String delay =
        read(
            c ->
                Sql.one(
                        c,
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                            + " WHERE SETTING_NAME = 'WRITE_DELAY'",
                        row -> row.getString(1))
                    .orElse("0"));
    if (!"0".equals(delay)) {
      LOG.warnf(
          "The embedded store writes commits in the background, about %s ms after acknowledging"
              + " them (WRITE_DELAY=%s): a killed process loses them. Add WRITE_DELAY=0 to"
              + " quarkus.datasource.\"h2\".jdbc.url (see docs/operations.md).",
          delay, delay);
    }
  }

  /** Whether the production backend (PostgreSQL) is in use. */
  public boolean isPostgres() {
    return postgres;
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   */
  public <T> T inTransaction(SqlFunction<T> work) {
    try (Connection connection = connect()) {
      connection.setAutoCommit(false);
      try {
        T result = work.apply(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(connection);
        throw e;
      }
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  /** Runs read-only {@code work} on a connection in auto-commit mode. */
  public <T> T read(SqlFunction<T> work) {
    try (Connection connection = connect()) {
      return work.apply(connection);
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  /** True when a trivial query answers within {@code timeoutSeconds}. */
  public boolean isReachable(int timeoutSeconds) {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(timeoutSeconds);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  private Connection connect() throws SQLException {
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      throw new StoreUnavailableException("the store cannot be reached: " + e.getMessage(), e);
    }
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      LOG.debugf(e, "rollback failed");
    }
  }

  private static RuntimeException translate(SQLException e) {
    if (isConnectionProblem(e)) {
      return new StoreUnavailableException("the store cannot be reached: " + e.getMessage(), e);
    }
    return new StoreException(e);
  }

  private static boolean isConnectionProblem(SQLException e) {
    String state = e.getSQLState();
    return e instanceof SQLTransientConnectionException
        || (state != null && (state.startsWith("08") || state.equals("57P01")));
  }
}
