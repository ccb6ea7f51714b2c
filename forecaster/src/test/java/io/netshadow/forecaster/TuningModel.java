package io.netshadow.forecaster;

public class TuningModel
{
    public static void main(String[] args)
    {
        for (String kind : new String[] {"lat", "tp", "loss"})
        {
            double minCov = 1, sumCov = 0; int graded = 0, total = 0; double maxGrade = 0; double spikeMin = 1; int warm = -1;
            for (int seed = 0; seed < 20; seed++)
            {
                SyntheticKpis k = new SyntheticKpis(seed);
                SeriesModel m = new SeriesModel("s");
                int cov = 0, n = 0;
                for (int s = 0; s < 300; s++)
                {
                    double v = kind.equals("lat") ? k.latencyP99Ns(s, 1.0) : kind.equals("tp") ? k.throughputBps(s, 1.0) : k.lossRatio(0.001);
                    SeriesModel.Sample x = m.update(s, v);
                    if (x.forestReady() && warm < 0) warm = s;
                    if (s >= 40) { n++; if (v >= x.lower() && v <= x.upper()) cov++; total++; if (x.anomalyGrade() > 0.3) graded++; maxGrade = Math.max(maxGrade, x.anomalyGrade()); }
                }
                double spike = kind.equals("tp") ? 3 * k.throughputBps(300, 1.0) : kind.equals("lat") ? 10e6 : 0.3;
                spikeMin = Math.min(spikeMin, m.update(300, spike).anomalyGrade());
                minCov = Math.min(minCov, cov / (double) n); sumCov += cov / (double) n;
            }
            System.out.printf("%s: coverage min %.2f mean %.2f; grade>0.3 share %.3f max %.2f; spike grade min %.2f; warm at %d%n", kind, minCov, sumCov / 20, graded / (double) total, maxGrade, spikeMin, warm);
        }
    }
}
