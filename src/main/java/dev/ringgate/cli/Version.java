package dev.ringgate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version of the jar, from the version file the build writes ("development build" without). */
final class Version implements IVersionProvider {
  private static final String POM = "/ringgate-version.properties";

  @Override
  public String[] getVersion() {
    String version = "development build";
    try (InputStream in = Version.class.getResourceAsStream(POM)) {
      if (in != null) {
        Properties pom = new Properties();
        pom.load(in);
        version = pom.getProperty("version", version);
      }
    } catch (IOException e) {
      // keep "development build"
    }
    return new String[] {"ringgate " + version};
  }
}
