// Load generator for the Readout service (a benchmark, not a test; results go to docs/benchmarks.md).
// Runs with the JDK alone:  java api/bench/LoadBench.java [options]
//   --url http://localhost:8080      service
//   --file sample-docs/invoice.pdf   document uploaded as the raw body
//   --path '/v1/documents?wait=30s'  upload path and query
//   --seconds 60 | --count N         run for a time, or for N documents
//   --concurrency 2                  clients uploading back to back
//   --pid PID                        server process: RSS (and heap after a forced GC, via jcmd) every --sample-every docs
//   --burst N                        instead: N uploads at once without waiting, then a liveness check
//   --key KEY                        API key, when the service needs one
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

public class LoadBench {
    public static void main(String[] args) throws Exception {
        Map<String, String> o = new java.util.HashMap<>(Map.of("--url", "http://localhost:8080", "--file", "sample-docs/invoice.pdf",
                "--path", "/v1/documents?wait=30s", "--concurrency", "2", "--sample-every", "100"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        byte[] body = Files.readAllBytes(Path.of(o.get("--file")));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create(o.get("--url") + o.get("--path"));
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/pdf").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (o.containsKey("--key")) {
            rb.header("X-API-Key", o.get("--key"));
        }
        HttpRequest req = rb.build();
        if (o.containsKey("--burst")) {
            burst(client, req, Integer.parseInt(o.get("--burst")), o.get("--url"));
            return;
        }
        int conc = Integer.parseInt(o.get("--concurrency"));
        long seconds = Long.parseLong(o.getOrDefault("--seconds", "0"));
        long count = Long.parseLong(o.getOrDefault("--count", "0"));
        long pid = Long.parseLong(o.getOrDefault("--pid", "0"));
        int sampleEvery = Integer.parseInt(o.get("--sample-every"));
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicLong started = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicInteger errors = new AtomicInteger();
        long end = seconds > 0 ? System.nanoTime() + seconds * 1_000_000_000L : Long.MAX_VALUE;
        if (pid > 0) {
            System.out.println("docs\trss_mib\theap_used_after_gc_mib");
            sample(pid, 0);
        }
        long t0 = System.nanoTime();
        CountDownLatch latch = new CountDownLatch(conc);
        for (int c = 0; c < conc; c++) {
            startThread(() -> {
                try {
                    while (System.nanoTime() < end && (count == 0 || started.incrementAndGet() <= count)) {
                        long s = System.nanoTime();
                        int status;
                        try {
                            HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
                            status = r.statusCode();
                            if (status != 200 || !r.body().contains("\"status\":\"succeeded\"")) {
                                errors.incrementAndGet();
                            }
                        } catch (Exception e) {
                            status = -1;
                            errors.incrementAndGet();
                        }
                        latencies.add(System.nanoTime() - s);
                        statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                        long n = done.incrementAndGet();
                        if (pid > 0 && n % sampleEvery == 0) {
                            sample(pid, n);
                        }
                    }
                } finally {
                    latch.countDown();
                }
            });
        }
        latch.await();
        double wall = (System.nanoTime() - t0) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("requests %d in %.1f s, concurrency %d: %.2f docs/s; errors %d; statuses %s%n", sorted.size(), wall, conc,
                sorted.size() / wall, errors.get(), new TreeMap<>(statuses));
        System.out.printf("latency ms: p50 %.0f, p95 %.0f, p99 %.0f, max %.0f%n", pct(sorted, 50), pct(sorted, 95), pct(sorted, 99),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
    }

    static Thread startThread(Runnable r) {
        Thread t = new Thread(r);
        t.start();
        return t;
    }

    static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
    }

    /** RSS from /proc, and heap used after a full GC (jcmd GC.run, then GC.heap_info). */
    static synchronized void sample(long pid, long docs) {
        try {
            long rssKb = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D+", ""))).findFirst().orElse(-1);
            new ProcessBuilder("jcmd", String.valueOf(pid), "GC.run").redirectErrorStream(true).start().waitFor();
            Process p = new ProcessBuilder("jcmd", String.valueOf(pid), "GC.heap_info").redirectErrorStream(true).start();
            String info = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            var m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
            long usedKb = m.find() ? Long.parseLong(m.group(1)) : -1;
            System.out.printf("%d\t%d\t%d%n", docs, rssKb / 1024, usedKb / 1024);
        } catch (Exception e) {
            System.out.println(docs + "\t(sample failed: " + e.getMessage() + ")");
        }
    }

    static void burst(HttpClient client, HttpRequest req, int n, String base) throws Exception {
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger withRetryAfter = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < n; i++) {
            threads.add(startThread(() -> {
                int status;
                try {
                    go.await();
                    HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
                    status = r.statusCode();
                    if ((status == 429 || status == 503) && r.headers().firstValue("Retry-After").isPresent()) {
                        withRetryAfter.incrementAndGet();
                    }
                } catch (Exception e) {
                    status = -1;
                }
                statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        HttpResponse<String> live = client.send(HttpRequest.newBuilder(URI.create(base + "/q/health/live")).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.printf("burst of %d uploads: statuses %s (-1: connection error); 429/503 with Retry-After: %d; live afterwards: %d %s%n",
                n, new TreeMap<>(statuses), withRetryAfter.get(), live.statusCode(), live.body().replaceAll("\\s+", " "));
    }
}
