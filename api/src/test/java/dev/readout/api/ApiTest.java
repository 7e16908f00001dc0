package dev.readout.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.readout.api.vqa.VqaQuestionAnswerer;
import dev.readout.core.Pipeline;
import dev.readout.core.json.DocumentJson;
import dev.readout.core.model.Document;
import dev.readout.core.stage.IngestOptions;
import dev.readout.core.stage.PageSelection;
import dev.readout.vqa.invoice.InvoiceExtractor;
import dev.readout.vqa.invoice.InvoiceJson;
import dev.readout.vqa.qa.KeyValueQa;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jakarta.inject.Inject;
import javax.imageio.ImageIO;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The service end to end on one running instance (real Tesseract, ONNX layout model, H2 file database, Chromium):
 * start-up recovery, uploads, results in the CLI's schema, exports, page images, bad input, limits, API keys,
 * the queue, metrics, and the viewer in headless Chromium. Ordered because the queue test leaves OCR work running.
 */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiTest {
    static final String KEY = ServiceTestResource.API_KEY;
    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL root;

    @Inject
    VqaQuestionAnswerer answerers;

    static RequestSpecification api() {
        return given().header("X-API-Key", KEY);
    }

    /** Polls a job until it has finished. */
    static Response awaitDone(String id, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (true) {
            Response r = api().get("/v1/documents/" + id);
            String status = r.path("status");
            if (List.of("succeeded", "partial", "failed").contains(status) || System.nanoTime() > end) {
                return r;
            }
            Thread.sleep(200);
        }
    }

    static void assertProblem(Response r, int status, String code) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.<Integer>path("status")).isEqualTo(status);
        assertThat(r.<String>path("code")).isEqualTo(code);
        assertThat(r.<String>path("title")).isNotBlank();
        assertThat(r.<String>path("detail")).isNotBlank();
        assertThat(r.asString()).doesNotContain("Exception").doesNotContain("at dev.").doesNotContain("java.")
                .doesNotContain("\tat ");
    }

    @Test
    @Order(1)
    void interruptedJobsAreResumedOrFailedWithAReason() throws Exception {
        Response resumed = awaitDone(ServiceTestResource.RESUMED, Duration.ofSeconds(90));
        resumed.then().statusCode(200).body("status", equalTo("succeeded")).body("result.pages[0].words.size()",
                org.hamcrest.Matchers.greaterThan(50));
        Response exhausted = api().get("/v1/documents/" + ServiceTestResource.EXHAUSTED);
        exhausted.then().body("status", equalTo("failed")).body("errors[0].code", equalTo("interrupted"))
                .body("errors[0].message", containsString("not tried again"));
        Response lost = api().get("/v1/documents/" + ServiceTestResource.UPLOAD_GONE);
        lost.then().body("status", equalTo("failed")).body("errors[0].code", equalTo("interrupted"))
                .body("errors[0].message", containsString("upload is gone"));
    }

    @Test
    @Order(2)
    void readyOnlyOnceModelsAreLoaded() throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Response r;
        do {
            r = given().get("/q/health/ready");
            Thread.sleep(200);
        } while (r.statusCode() != 200 && System.nanoTime() < end);
        r.then().statusCode(200).body("checks[0].data.engine", equalTo("ready"))
                .body("checks[0].data.stages", containsString("layout-"))
                .body("checks[0].data.database", equalTo("up"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        api().get("/v1/service").then().statusCode(200).body("ready", equalTo(true)).body("questions", equalTo(true))
                .body("invoice", equalTo(true));
    }

    @Test
    @Order(3)
    void rawUploadWithWaitReturnsTheCliJson() throws Exception {
        Response r = api().contentType("application/pdf").body(Fixtures.bytes("invoice.pdf"))
                .post("/v1/documents?wait=60s&filename=invoice.pdf");
        r.then().statusCode(200).header("Location", containsString("/v1/documents/")).body("status", equalTo("succeeded"))
                .body("progress.pagesDone", equalTo(1)).body("progress.pagesTotal", equalTo(1))
                .body("name", equalTo("invoice.pdf"));
        JsonNode apiResult = JSON.readTree(r.asString()).get("result");

        Document cli;
        try (Pipeline pipeline = Pipeline.discover(2)) {
            cli = pipeline.process(Fixtures.sample("invoice.pdf"), "invoice.pdf", IngestOptions.DEFAULT, PageSelection.ALL, null);
        }
        JsonNode cliResult = JSON.readTree(DocumentJson.write(cli));
        assertThat(apiResult).isEqualTo(cliResult);
        assertThat(apiResult.at("/pages/0/entities").size()).as("the layout model ran").isPositive();
    }

    @Test
    @Order(4)
    void multipartUploadIsPolledListedAndExported() throws Exception {
        Response r = api().multiPart("file", new File(Fixtures.sample("invoice.pdf").toString()), "application/pdf")
                .post("/v1/documents");
        r.then().statusCode(202).header("Location", notNullValue()).body("status", org.hamcrest.Matchers.oneOf("queued", "running"));
        String id = r.path("id");
        assertThat(r.header("Location")).endsWith("/v1/documents/" + id);
        awaitDone(id, Duration.ofSeconds(60)).then().body("status", equalTo("succeeded"));

        api().get("/v1/documents?page=1&size=2").then().statusCode(200).body("items[0].id", equalTo(id))
                .body("items.size()", equalTo(2)).body("page", equalTo(1)).body("items[0].result", org.hamcrest.Matchers.nullValue());
        api().get("/v1/documents?page=2&size=2").then().statusCode(200).body("items.size()", equalTo(2));

        String text = api().get("/v1/documents/" + id + "/export?format=text").then().statusCode(200)
                .contentType(containsString("text/plain")).extract().asString();
        assertThat(text).contains("INV-2024-0117").contains("PO number: PO-55812");
        String md = api().get("/v1/documents/" + id + "/export?format=markdown").then().statusCode(200).extract().asString();
        assertThat(md).contains("| PO number | PO-55812 |").contains("INV-2024-0117");
        String hocr = api().get("/v1/documents/" + id + "/export?format=hocr").then().statusCode(200).extract().asString();
        assertThat(hocr).contains("ocrx_word").contains("INV-2024-0117");
        String alto = api().get("/v1/documents/" + id + "/export?format=alto").then().statusCode(200).extract().asString();
        assertThat(alto).contains("<alto").contains("CONTENT=\"INV-2024-0117\"");
        String page = api().get("/v1/documents/" + id + "/export?format=page-xml").then().statusCode(200).extract().asString();
        assertThat(page).contains("<PcGts").contains("<ReadingOrder>").contains("<Unicode>INV-2024-0117</Unicode>");
        assertThat(javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(page.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .getElementsByTagName("Word").getLength()).isGreaterThan(50);
        assertProblem(api().get("/v1/documents/" + id + "/export?format=docx"), 400, "bad-request");
        assertProblem(api().get("/v1/documents/" + id + "/export?format=page-xml&page=2"), 404, "not-found");
    }

    @Test
    @Order(5)
    void pageImageIsTheImageTheBoxesReferTo() throws Exception {
        Response r = api().multiPart("file", new File(Fixtures.sample("scan-skewed-noisy.png").toString()), "image/png")
                .post("/v1/documents?wait=90s");
        r.then().statusCode(200).body("status", equalTo("succeeded"));
        JsonNode page = JSON.readTree(r.asString()).at("/result/pages/0");
        assertThat(page.get("skew").asDouble()).as("the scan is turned 4°").isBetween(3.0, 5.0);
        String id = r.path("id");
        byte[] png = api().get("/v1/documents/" + id + "/pages/1/image").then().statusCode(200).contentType("image/png")
                .extract().asByteArray();
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img.getWidth()).isEqualTo(page.get("width").asInt());
        assertThat(img.getHeight()).isEqualTo(page.get("height").asInt());
        // on the deskewed image the word boxes hold the ink: far darker than the page as a whole
        double inWords = 0;
        long n = 0;
        for (JsonNode w : page.get("words")) {
            if (w.get("text").asText().length() < 3) {
                continue;
            }
            JsonNode b = w.get("box");
            double[] m = mean(img.getRaster(), b.get(0).asInt(), b.get(1).asInt(), b.get(2).asInt(), b.get(3).asInt());
            inWords += m[0];
            n += (long) m[1];
        }
        double page0 = mean(img.getRaster(), 0, 0, img.getWidth(), img.getHeight())[0];
        assertThat(inWords / n).as("mean gray inside word boxes vs the whole page (%.1f)", page0).isLessThan(page0 - 25);
        assertProblem(api().get("/v1/documents/" + id + "/pages/2/image"), 404, "not-found");
    }

    /** Sum of gray values and pixel count in a box. */
    private static double[] mean(Raster r, int x0, int y0, int x1, int y1) {
        double sum = 0;
        long count = 0;
        for (int y = Math.max(0, y0); y < Math.min(r.getHeight(), y1); y++) {
            for (int x = Math.max(0, x0); x < Math.min(r.getWidth(), x1); x++) {
                sum += r.getSample(x, y, 0);
                count++;
            }
        }
        return x0 == 0 && y0 == 0 && x1 == r.getWidth() ? new double[] {sum / count, count} : new double[] {sum, count};
    }

    @Test
    @Order(6)
    void badInputGetsProblemJsonAndTheServiceStaysUp() {
        assertProblem(api().contentType("application/pdf").body(new byte[0]).post("/v1/documents"), 422, "corrupt");
        assertProblem(api().contentType("application/pdf").body("just some text, not a PDF".getBytes())
                .post("/v1/documents"), 415, "unsupported-format");
        assertProblem(api().contentType("application/pdf").body(Fixtures.truncatedPdf()).post("/v1/documents?wait=30s"),
                422, "corrupt");
        assertProblem(api().contentType("application/pdf").body(Fixtures.encryptedPdf()).post("/v1/documents?wait=30s"),
                422, "encrypted");
        assertProblem(api().contentType("image/png").body(Fixtures.pngBomb()).post("/v1/documents?wait=30s"),
                413, "limit-exceeded");
        assertProblem(api().contentType("application/pdf").body(Fixtures.blankPages(41)).post("/v1/documents?wait=30s"),
                413, "limit-exceeded");
        assertProblem(api().contentType("application/octet-stream").body(new byte[3_100_000]).post("/v1/documents"),
                413, "limit-exceeded");
        // just over the limit (within the multipart slack of the early check): refused after receipt
        assertProblem(api().contentType("application/octet-stream").body(new byte[3_000_001]).post("/v1/documents"),
                413, "limit-exceeded");
        assertProblem(api().multiPart("file", "big.pdf", new byte[3_000_001], "application/pdf").post("/v1/documents"),
                413, "limit-exceeded");
        // a body without Content-Length (chunked) over the upload limit: refused with problem+json while it is still
        // being sent. Raw socket: the service answers before the upload ends, so the answer is read meanwhile.
        try (java.net.Socket sock = new java.net.Socket(root.getHost(), root.getPort())) {
            java.util.concurrent.CompletableFuture<String> answer = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(sock.getInputStream().readNBytes(4096), java.nio.charset.StandardCharsets.ISO_8859_1);
                } catch (java.io.IOException e) {
                    return "read failed: " + e;
                }
            });
            var out = sock.getOutputStream();
            out.write(("POST /v1/documents HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + KEY + "\r\nContent-Type: application/pdf\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            try {
                for (int i = 0; i < 100 && !answer.isDone(); i++) {   // up to 6.4 MB
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                    out.write(chunk);
                    out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                }
                out.write("0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (java.io.IOException e) {
                // the service stopped reading: its answer is already on its way
            }
            String raw = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(raw).as(raw).startsWith("HTTP/1.1 413").containsIgnoringCase("content-type: application/problem+json")
                    .contains("\"code\":\"limit-exceeded\"").doesNotContain("Exception");
        } catch (java.io.IOException | InterruptedException | java.util.concurrent.ExecutionException
                 | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
        // a failed job keeps its reason
        Response r = api().contentType("application/pdf").body(Fixtures.truncatedPdf()).post("/v1/documents");
        String id = r.path("id");
        try {
            awaitDone(id, Duration.ofSeconds(30)).then().body("status", equalTo("failed"))
                    .body("errors[0].code", equalTo("corrupt")).body("errors[0].message", containsString("truncated"));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertProblem(api().get("/v1/documents/" + id + "/export?format=text"), 409, "no-result");
        given().get("/q/health/live").then().statusCode(200);
        assertThat(incomingLeftovers()).as("refused uploads leave no files behind").isEmpty();
    }

    private static List<Path> incomingLeftovers() {
        Path incoming = Path.of(ConfigProvider.getConfig().getValue("readout.data-dir", String.class), "incoming");
        try (var s = Files.list(incoming)) {
            return s.toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(7)
    void optionsIdsAndMissingFeaturesAreCheckedPlainly() throws Exception {
        byte[] pdf = Fixtures.bytes("invoice.pdf");
        assertProblem(api().contentType("application/pdf").body(pdf).post("/v1/documents?ocr=sometimes"), 400, "bad-request");
        assertProblem(api().contentType("application/pdf").body(pdf).post("/v1/documents?segmentation=rows"), 400, "bad-request");
        api().contentType("application/pdf").body(pdf).post("/v1/documents?segmentation=columns&wait=30s").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("succeeded")).body("options.segmentation", org.hamcrest.Matchers.equalTo("columns"));
        // the OCR engine: PP-OCRv4 reads the rendered page through the same pipeline; a wrong name or a combination it
        // cannot do is the client's error
        assertProblem(api().contentType("application/pdf").body(pdf).post("/v1/documents?ocrEngine=abbyy"), 400, "bad-request");
        assertProblem(api().contentType("application/pdf").body(pdf).post("/v1/documents?ocrEngine=ppocr&segmentation=columns"),
                400, "bad-request");
        api().contentType("application/pdf").body(pdf).post("/v1/documents?ocrEngine=ppocr&ocr=always&wait=60s").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("succeeded")).body("options.ocrEngine", org.hamcrest.Matchers.equalTo("ppocr"))
                .body("result.pages[0].words.size()", org.hamcrest.Matchers.greaterThan(20))
                .body("result.pages[0].words[0].source", org.hamcrest.Matchers.equalTo("ppocr-v4"));
        assertProblem(api().contentType("application/pdf").body(pdf).post("/v1/documents?pages=0"), 400, "bad-request");
        assertProblem(api().contentType("application/pdf").body(pdf).post("/v1/documents?dpi=5000"), 400, "bad-request");
        assertProblem(api().contentType("application/pdf").body(pdf).post("/v1/documents?wait=soon"), 400, "bad-request");
        assertProblem(api().contentType("application/pdf").body(pdf).post("/v1/documents?lang=xx_nope"), 503,
                "engine-unavailable");
        assertProblem(api().get("/v1/documents/" + UUID.randomUUID()), 404, "not-found");
        assertProblem(api().get("/v1/documents/..%2F..%2Fetc%2Fpasswd"), 404, "not-found");
        assertProblem(api().get("/v1/nothing-here"), 404, "not-found");
        String questions = "/v1/documents/" + ServiceTestResource.RESUMED + "/questions";
        assertProblem(api().contentType("application/json").body(Map.of("question", "   ")).post(questions), 400, "bad-request");
        assertProblem(api().contentType("application/json").body(Map.of("query", "What is the total?")).post(questions), 400,
                "bad-request");
        assertProblem(api().contentType("application/json").body("{\"question\": ").post(questions), 400, "bad-request");
        assertProblem(api().contentType("application/json").body(Map.of("question", "What is the total?"))
                .post("/v1/documents/" + UUID.randomUUID() + "/questions"), 404, "not-found");
        assertProblem(api().contentType("application/json").body(Map.of("question", "What is the total?"))
                .post("/v1/documents/" + ServiceTestResource.EXHAUSTED + "/questions"), 409, "no-result");
        assertProblem(api().contentType("application/pdf").body(Fixtures.truncatedPdf()).post("/v1/extract/invoice"), 422,
                "corrupt");
        assertProblem(api().contentType("application/pdf").body(pdf).post("/v1/extract/invoice?ocr=sometimes"), 400,
                "bad-request");
        // the per-document timeout: twelve scanned pages of OCR cannot finish in one second
        assertProblem(api().contentType("application/pdf").body(Fixtures.scannedPdf(12))
                .post("/v1/documents?timeout=1&wait=30s"), 422, "timeout");
    }

    @Test
    @Order(8)
    void apiKeysProtectEveryV1Endpoint() {
        assertProblem(given().get("/v1/documents"), 401, "unauthorized");
        assertProblem(given().header("X-API-Key", "wrong").get("/v1/service"), 401, "unauthorized");
        assertProblem(given().contentType("application/pdf").body(Fixtures.bytes("invoice.pdf")).post("/v1/documents"), 401,
                "unauthorized");
        given().header("Authorization", "Bearer second-key").get("/v1/service").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/").then().statusCode(200).body(containsString("Readout viewer"));
    }

    @Test
    @Order(9)
    void deleteRemovesTheJobAndItsFiles() {
        Response r = api().contentType("application/pdf").body(Fixtures.bytes("invoice.pdf")).post("/v1/documents?wait=60s");
        String id = r.path("id");
        api().get("/v1/documents/" + id + "/pages/1/image").then().statusCode(200);
        Path data = Path.of(ConfigProvider.getConfig().getValue("readout.data-dir", String.class));
        assertThat(data.resolve("uploads/" + id + ".bin")).exists();
        assertThat(data.resolve("page-images/" + id + "/1.png")).exists();
        api().delete("/v1/documents/" + id).then().statusCode(204);
        assertProblem(api().get("/v1/documents/" + id), 404, "not-found");
        assertProblem(api().delete("/v1/documents/" + id), 404, "not-found");
        assertThat(data.resolve("uploads/" + id + ".bin")).doesNotExist();
        assertThat(data.resolve("page-images/" + id)).doesNotExist();
    }

    @Test
    @Order(10)
    void viewerShowsPageBoxesOrderLinksInvoiceAndAnswersInHeadlessChromium() throws Exception {
        boolean have = Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver"));
        if (!have && "1".equals(System.getenv("READOUT_CI"))) {
            throw new AssertionError("CI must run the browser test: install chromium and chromium-driver (scripts/setup.sh)");
        }
        if (!have) {
            System.err.println("ApiTest: SKIPPED the browser test: /usr/bin/chromium or /usr/bin/chromedriver is missing");
        }
        assumeTrue(have, "chromium and chromium-driver are not installed (scripts/setup.sh installs them)");
        Path profile = Files.createTempDirectory("readout-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1500,1900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        try {
            driver.get(root.toString());
            driver.findElement(By.id("api-key")).sendKeys(KEY);
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(90));
            // the service is read with the key typed: then the invoice option shows
            driver.findElement(By.id("api-key")).sendKeys(org.openqa.selenium.Keys.TAB);
            wait.until(d -> d.findElement(By.id("invoice-option")).isDisplayed());
            driver.findElement(By.id("want-invoice")).click();
            driver.findElement(By.id("file")).sendKeys(Fixtures.sample("invoice.pdf").toAbsolutePath().toString());
            driver.findElement(By.id("upload")).click();
            wait.until(d -> "true".equals(d.findElement(By.id("page-img")).getAttribute("data-loaded")));
            assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("succeeded");
            JavascriptExecutor js = (JavascriptExecutor) driver;
            assertThat(((Number) js.executeScript("return document.getElementById('page-img').naturalWidth")).intValue())
                    .isEqualTo(2480);
            List<WebElement> words = driver.findElements(By.cssSelector("#overlay rect.word"));
            List<WebElement> entities = driver.findElements(By.cssSelector("#overlay rect.entity"));
            List<WebElement> order = driver.findElements(By.cssSelector("#overlay text.order"));
            List<WebElement> links = driver.findElements(By.cssSelector("#overlay line.link"));
            assertThat(words).hasSizeGreaterThan(100);
            assertThat(entities).isNotEmpty();
            assertThat(entities).extracting(e -> e.getAttribute("data-label")).isSubsetOf("header", "question", "answer", "other");
            assertThat(order).hasSizeGreaterThan(10);
            assertThat(order.get(0).getText()).isEqualTo("1");
            assertThat(links).as("three form fields at least").hasSizeGreaterThanOrEqualTo(3);
            String colourQuestion = (String) js.executeScript(
                    "const e = document.querySelector('#overlay rect.entity[data-label=question]'); return e && e.getAttribute('fill')");
            String colourAnswer = (String) js.executeScript(
                    "const e = document.querySelector('#overlay rect.entity[data-label=answer]'); return e && e.getAttribute('fill')");
            if (colourQuestion != null && colourAnswer != null) {
                assertThat(colourQuestion).as("labels have their own colours").isNotEqualTo(colourAnswer);
            }
            assertThat(driver.findElement(By.id("pairs")).getText()).contains("PO number").contains("PO-55812");
            // the invoice panel: pointing at the total highlights where it was read
            WebElement totalRow = driver.findElement(By.cssSelector("#invoice-fields tr[data-field=total]"));
            assertThat(totalRow.getText()).contains("Total").contains("698.05");
            assertThat(driver.findElement(By.id("invoice-fields")).getText()).contains("INV-2024-0117").contains("2024-03-15");
            assertThat(driver.findElements(By.cssSelector("#overlay rect.evidence"))).isEmpty();
            new org.openqa.selenium.interactions.Actions(driver).moveToElement(totalRow).perform();
            wait.until(d -> !d.findElements(By.cssSelector("#overlay rect.evidence")).isEmpty());
            // the question box: no answer is said so, and highlights nothing
            assertThat(driver.findElement(By.id("qa")).isDisplayed()).as("question answering is installed").isTrue();
            driver.findElement(By.id("question")).sendKeys("What is the capital of France?");
            driver.findElement(By.id("ask")).click();
            wait.until(d -> d.findElement(By.id("answer")).getText().contains("No answer"));
            assertThat(driver.findElements(By.cssSelector("#overlay rect.evidence"))).isEmpty();
            driver.findElement(By.id("question")).clear();
            driver.findElement(By.id("question")).sendKeys("What is the total due?");
            driver.findElement(By.id("ask")).click();
            wait.until(d -> d.findElement(By.id("answer")).getText().contains("698.05"));
            List<WebElement> evidence = wait.until(d -> {
                List<WebElement> e = d.findElements(By.cssSelector("#overlay rect.evidence"));
                return e.isEmpty() ? null : e;
            });
            assertThat(evidence).hasSize(1);
            assertThat(Double.parseDouble(evidence.get(0).getAttribute("width"))).isPositive();
            String shownId = (String) js.executeScript("return state.id");
            List<Number> box = api().contentType("application/json").body(Map.of("question", "What is the total due?"))
                    .post("/v1/documents/" + shownId + "/questions").path("evidence[0].box");
            assertThat(Double.parseDouble(evidence.get(0).getAttribute("x"))).as("the answer's box").isCloseTo(box.get(0).doubleValue(),
                    org.assertj.core.data.Offset.offset(0.01));
            assertThat(Double.parseDouble(evidence.get(0).getAttribute("y"))).isCloseTo(box.get(1).doubleValue(),
                    org.assertj.core.data.Offset.offset(0.01));
            // the page box sits on the image: the overlay spans the rendered image exactly
            Map<?, ?> geometry = (Map<?, ?>) js.executeScript("const i = document.getElementById('page-img').getBoundingClientRect();"
                    + " const s = document.getElementById('overlay').getBoundingClientRect();"
                    + " return {iw: i.width, ih: i.height, sw: s.width, sh: s.height};");
            assertThat(((Number) geometry.get("sw")).doubleValue()).isCloseTo(((Number) geometry.get("iw")).doubleValue(),
                    org.assertj.core.data.Offset.offset(1.0));
            assertThat(((Number) geometry.get("sh")).doubleValue()).isCloseTo(((Number) geometry.get("ih")).doubleValue(),
                    org.assertj.core.data.Offset.offset(1.0));
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path kept = Path.of("target", "viewer-screenshot.png");
            Files.copy(shot.toPath(), kept, StandardCopyOption.REPLACE_EXISTING);
            assertThat(Files.size(kept)).isGreaterThan(20_000);
        } finally {
            driver.quit();
        }
    }

    @Test
    @Order(11)
    void aBurstBeyondTheQueueGets429WithRetryAfter() throws Exception {
        byte[] tif = Fixtures.bytes("multipage-g4.tif");
        List<java.util.concurrent.CompletableFuture<Response>> burst = new ArrayList<>();
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(8);
        for (int i = 0; i < 8; i++) {
            burst.add(java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> api().contentType("image/tiff").body(tif).post("/v1/documents"), clients));
        }
        clients.shutdown();
        List<String> accepted = new ArrayList<>();
        int refused = 0;
        for (var f : burst) {
            Response r = f.get();
            if (r.statusCode() == 202) {
                accepted.add(r.path("id"));
            } else {
                assertProblem(r, 429, "queue-full");
                assertThat(Integer.parseInt(r.header("Retry-After"))).isPositive();
                refused++;
            }
        }
        assertThat(accepted).as("one running and two queued at least (concurrency 1, queue 2)").hasSizeGreaterThanOrEqualTo(3);
        assertThat(refused).as("the rest refused").isGreaterThanOrEqualTo(3).isEqualTo(8 - accepted.size());
        String metrics = given().get("/q/metrics").asString();
        assertThat(metrics).containsPattern("readout_queue_depth(\\{[^}]*\\})? [12]\\.0");
        for (String id : accepted) {
            api().delete("/v1/documents/" + id).then().statusCode(204);
        }
        given().get("/q/health/live").then().statusCode(200);
        // room again
        api().contentType("application/pdf").body(Fixtures.bytes("invoice.pdf")).post("/v1/documents?wait=60s").then()
                .statusCode(200).body("status", equalTo("succeeded"));
    }

    @Test
    @Order(12)
    void metricsOpenApiAndSwaggerUi() {
        String m = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(m).contains("readout_documents_processed_total{status=\"succeeded\"}")
                .contains("readout_pages_processed_total")
                .containsPattern("readout_stage_seconds_bucket\\{[^}]*stage=\"ingest\"")
                .containsPattern("readout_stage_seconds_bucket\\{[^}]*stage=\"order-lines\"")
                .containsPattern("readout_stage_seconds_bucket\\{[^}]*stage=\"layout-")
                .contains("readout_document_seconds_bucket")
                .contains("readout_queue_depth")
                .contains("readout_failures_total{reason=\"corrupt\"}")
                .contains("readout_failures_total{reason=\"queue-full\"}")
                .contains("readout_failures_total{reason=\"timeout\"}");
        String openapi = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertThat(openapi).contains("/v1/documents/{id}/pages/{n}/image").contains("/v1/documents/{id}/export")
                .contains("/v1/documents/{id}/questions").contains("/v1/extract/invoice");
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    /** The invoice fields of a finished job: the sample invoice's figures, each with its evidence on page 1. */
    private static void assertSampleInvoice(JsonNode invoice, JsonNode document) {
        JsonNode f = invoice.get("fields");
        assertThat(f.at("/total/value").asText()).isEqualTo("698.05");
        assertThat(f.at("/invoice_number/value").asText()).isEqualTo("INV-2024-0117");
        assertThat(f.at("/invoice_date/value").asText()).isEqualTo("2024-03-15");
        JsonNode page = document.at("/pages/0");
        for (String name : List.of("total", "invoice_number", "invoice_date")) {
            JsonNode ev = f.get(name).get("evidence");
            assertThat(ev.get("page").asInt()).as(name).isEqualTo(1);
            JsonNode box = ev.get("box");
            assertThat(box.size()).as(name).isEqualTo(4);
            assertThat(box.get(0).asDouble()).as(name).isLessThan(box.get(2).asDouble()).isGreaterThanOrEqualTo(0);
            assertThat(box.get(3).asDouble()).as(name).isGreaterThan(box.get(1).asDouble())
                    .isLessThanOrEqualTo(page.get("height").asDouble());
            assertThat(ev.get("wordIds").size()).as(name).isPositive();
        }
        // the evidence words are the words the value was read from
        StringBuilder totalWords = new StringBuilder();
        for (JsonNode id : f.at("/total/evidence/wordIds")) {
            for (JsonNode w : page.get("words")) {
                if (w.get("id").asText().equals(id.asText())) {
                    totalWords.append(w.get("text").asText()).append(' ');
                }
            }
        }
        assertThat(totalWords.toString()).contains("698.05");
    }

    @Test
    @Order(13)
    void invoiceFieldsWithTheUploadAndInOneCall() throws Exception {
        Response r = api().contentType("application/pdf").body(Fixtures.bytes("invoice.pdf"))
                .post("/v1/documents?invoice=true&wait=60s&filename=invoice.pdf");
        r.then().statusCode(200).body("status", equalTo("succeeded")).body("options.invoice", equalTo(true));
        String id = r.path("id");
        JsonNode job = JSON.readTree(api().get("/v1/documents/" + id).asString());
        assertSampleInvoice(job.get("invoice"), job.get("result"));
        // the same JSON as `readout extract --invoice` on the same document
        Document doc = DocumentJson.read(job.get("result").toString());
        assertThat(job.get("invoice")).isEqualTo(JSON.readTree(InvoiceJson.write(new InvoiceExtractor().extract(doc))));
        assertThat(JSON.readTree(api().get("/v1/documents/" + id + "?result=false").asString()).has("invoice")).isFalse();
        // an upload without invoice=true has none
        String plain = api().contentType("application/pdf").body(Fixtures.bytes("invoice.pdf")).post("/v1/documents?wait=60s")
                .path("id");
        assertThat(JSON.readTree(api().get("/v1/documents/" + plain).asString()).has("invoice")).isFalse();

        // one call: the invoice fields and the id of the document they came from
        Response one = api().contentType("application/pdf").body(Fixtures.bytes("invoice.pdf")).post("/v1/extract/invoice");
        one.then().statusCode(200).header("Location", containsString("/v1/documents/")).body("status", equalTo("succeeded"))
                .body("result", org.hamcrest.Matchers.nullValue());
        String oneId = one.path("id");
        assertThat(one.header("Location")).endsWith("/v1/documents/" + oneId);
        JsonNode oneResult = JSON.readTree(api().get("/v1/documents/" + oneId).asString()).get("result");
        assertSampleInvoice(JSON.readTree(one.asString()).get("invoice"), oneResult);
        Response form = api().multiPart("file", new File(Fixtures.sample("invoice.pdf").toString()), "application/pdf")
                .post("/v1/extract/invoice");
        form.then().statusCode(200).body("invoice.fields.total.value", equalTo("698.05")).body("name", equalTo("invoice.pdf"));
    }

    @Test
    @Order(14)
    void questionsAreAnsweredWithEvidenceOrHonestlyNot() throws Exception {
        String id = api().contentType("application/pdf").body(Fixtures.bytes("invoice.pdf")).post("/v1/documents?wait=60s")
                .path("id");
        JsonNode page = JSON.readTree(api().get("/v1/documents/" + id).asString()).at("/result/pages/0");
        Response total = api().contentType("application/json").body(Map.of("question", "What is the total due?"))
                .post("/v1/documents/" + id + "/questions");
        total.then().statusCode(200).contentType(containsString("application/json")).body("question", equalTo("What is the total due?"))
                .body("found", equalTo(true)).body("value", equalTo("698.05")).body("answer", containsString("698.05"))
                .body("source", equalTo("invoice-field")).body("evidence.size()", equalTo(1))
                .body("evidence[0].page", equalTo(1)).body("evidence[0].box.size()", equalTo(4));
        JsonNode a = JSON.readTree(total.asString());
        assertThat(a.get("score").asDouble()).isBetween(KeyValueQa.THRESHOLD, 1.0);
        JsonNode box = a.at("/evidence/0/box");
        assertThat(box.get(2).asDouble()).isGreaterThan(box.get(0).asDouble()).isLessThanOrEqualTo(page.get("width").asDouble());
        List<String> ids = new ArrayList<>();
        a.at("/evidence/0/wordIds").forEach(w -> ids.add(w.asText()));
        assertThat(ids).isNotEmpty();
        List<String> evidenceWords = new ArrayList<>();
        page.get("words").forEach(w -> {
            if (ids.contains(w.get("id").asText())) {
                evidenceWords.add(w.get("text").asText());
            }
        });
        assertThat(String.join(" ", evidenceWords)).contains("698.05");
        assertThat(answerers.holds(id)).as("the document's answerer is kept for the next question").isTrue();

        api().contentType("application/json").body(Map.of("question", "What is the invoice number?"))
                .post("/v1/documents/" + id + "/questions").then().statusCode(200).body("value", equalTo("INV-2024-0117"));

        Response none = api().contentType("application/json").body(Map.of("question", "What is the capital of France?"))
                .post("/v1/documents/" + id + "/questions");
        none.then().statusCode(200).body("found", equalTo(false)).body("source", equalTo("none"))
                .body("evidence.size()", equalTo(0));
        JsonNode n = JSON.readTree(none.asString());
        assertThat(n.has("answer")).as("answer: null, written out").isTrue();
        assertThat(n.get("answer").isNull()).isTrue();
        assertThat(n.get("value").isNull()).isTrue();

        // deleting the document drops its answerer
        api().delete("/v1/documents/" + id).then().statusCode(204);
        assertThat(answerers.holds(id)).isFalse();
        assertProblem(api().contentType("application/json").body(Map.of("question", "What is the total due?"))
                .post("/v1/documents/" + id + "/questions"), 404, "not-found");

        // not finished yet: 409 (twelve scanned pages of OCR take many seconds)
        Response slow = api().contentType("application/pdf").body(Fixtures.scannedPdf(12)).post("/v1/documents");
        slow.then().statusCode(202);
        String slowId = slow.path("id");
        assertProblem(api().contentType("application/json").body(Map.of("question", "What is the total due?"))
                .post("/v1/documents/" + slowId + "/questions"), 409, "not-finished");
        api().delete("/v1/documents/" + slowId).then().statusCode(204);
    }
}
