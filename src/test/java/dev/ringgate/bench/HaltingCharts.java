package dev.ringgate.bench;

import dev.ringgate.simulate.domain.FleetRun;
import dev.ringgate.simulate.domain.Simulation.Batch;
import dev.ringgate.simulate.domain.Summary;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The halting report's plots, drawn with JFreeChart. */
final class HaltingCharts {
  private static final Color[] COLORS = {
    new Color(0x1f77b4), new Color(0x6baed6), new Color(0x08306b), new Color(0xff7f0e),
    new Color(0x2ca02c), new Color(0x9467bd), new Color(0x8c564b), new Color(0xd62728)
  };

  private HaltingCharts() {}

  static void draw(
      Path dir, List<Summary> summaries, List<Batch> batches, List<List<FleetRun.Result>> results)
      throws IOException {
    blastRadius(dir.resolve("blast-radius.png"), summaries);
    for (String scenario : List.of("catastrophic", "silent-brick", "regression-3x")) {
      distribution(dir.resolve(scenario + "-cdf.png"), scenario, batches, results);
    }
    falseHalts(dir.resolve("false-halts.png"), summaries);
  }

  private static void blastRadius(Path file, List<Summary> summaries) throws IOException {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Summary s : summaries) {
      if (s.blastRadiusMedian() != null) {
        data.addValue(Math.max(1, s.blastRadiusMedian()), s.rule(), s.scenario());
      }
    }
    LogAxis axis = new LogAxis("devices offered the bad release before the halt (median, log)");
    axis.setSmallestValue(1);
    axis.setBase(10);
    axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    CategoryPlot plot = barPlot(data, axis);
    plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    save(
        file,
        plot,
        "Blast radius by scenario and rule (1,000,000 devices, 5-minute polls)",
        1200,
        650);
  }

  private static void falseHalts(Path file, List<Summary> summaries) throws IOException {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Summary s : summaries) {
      if (s.falseHaltRate() != null) {
        data.addValue(100 * s.falseHaltRate(), s.rule(), s.scenario());
      }
    }
    NumberAxis axis = new NumberAxis("healthy releases halted (% of runs)");
    CategoryPlot plot = barPlot(data, axis);
    ValueMarker alpha = new ValueMarker(1.0, Color.RED, new BasicStroke(1.5f));
    alpha.setLabel("alpha = 1 %");
    alpha.setLabelFont(new Font("SansSerif", Font.PLAIN, 12));
    plot.addRangeMarker(alpha);
    save(file, plot, "False halts of healthy releases (50,000 devices)", 1000, 550);
  }

  private static CategoryPlot barPlot(
      DefaultCategoryDataset data, org.jfree.chart.axis.ValueAxis axis) {
    BarRenderer renderer = new BarRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setItemMargin(0.02);
    for (int i = 0; i < COLORS.length; i++) {
      renderer.setSeriesPaint(i, COLORS[i]);
    }
    CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(), axis, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    return plot;
  }

  /** The share of runs whose blast radius is at most x, per rule (log x). */
  private static void distribution(
      Path file, String scenario, List<Batch> batches, List<List<FleetRun.Result>> results)
      throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    for (int i = 0; i < batches.size(); i++) {
      if (!batches.get(i).scenario().name().equals(scenario)) {
        continue;
      }
      double[] blast =
          results.get(i).stream().mapToDouble(r -> Math.max(1, r.blastRadius())).sorted().toArray();
      XYSeries series = new XYSeries(batches.get(i).rule().name());
      series.add(blast[0], 0.0);
      for (int k = 0; k < blast.length; k++) {
        series.add(blast[k], (k + 1.0) / blast.length);
      }
      data.addSeries(series);
    }
    LogAxis x = new LogAxis("devices offered the bad release before the halt (log)");
    x.setSmallestValue(1);
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    NumberAxis y = new NumberAxis("share of runs");
    y.setRange(0, 1.02);
    XYStepRenderer renderer = new XYStepRenderer();
    for (int i = 0; i < COLORS.length; i++) {
      renderer.setSeriesPaint(i, COLORS[i]);
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    save(file, plot, "Blast radius over seeded runs: " + scenario, 1000, 550);
  }

  private static void save(Path file, org.jfree.chart.plot.Plot plot, String title, int w, int h)
      throws IOException {
    JFreeChart chart = new JFreeChart(null, new Font("SansSerif", Font.BOLD, 16), plot, true);
    chart.setTitle(new TextTitle(title, new Font("SansSerif", Font.BOLD, 16)));
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, w, h);
  }
}
