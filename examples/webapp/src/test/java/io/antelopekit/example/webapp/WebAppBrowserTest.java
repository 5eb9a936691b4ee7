package io.antelopekit.example.webapp;

import io.antelopekit.api.ChainClient;
import io.antelopekit.api.model.TransactionState;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.SymbolCode;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.esr.testing.EsrTestWallet;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.test.ExternalProgram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example web application in a real browser: headless Chromium driven by Selenium signs in
 * through the page, with the reference test wallet ({@link EsrTestWallet}) answering the identity
 * request it reads from the page's QR code, as a phone would; sends a transfer its wallet signs
 * through the signing request the page shows (read from the QR code again), and one the service
 * signs with its own key; sees both reach IRREVERSIBLE on the page, live, and the balances
 * change; sees a transfer the chain refuses fail on the page with the node's reason; signs out,
 * and signs in again with the page's devnet test wallet. Every request the page makes is served
 * under BlockHound. A screenshot of each step goes to
 * {@code <build dir>/screenshots/}.
 *
 * <p>Uses Debian's {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (never a driver
 * download); skipped when either is missing.
 */
@ExtendWith(BlockHoundSupport.class)
class WebAppBrowserTest {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
    /** Generous: the machine running the tests may be slow and busy. */
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration WALLET = Duration.ofSeconds(60);
    private static final Name TOKEN = Name.from("eosio.token");
    private static final SymbolCode EOS = SymbolCode.from("EOS");

    /** Selenium warns that it has no DevTools binding of this Chromium's version: the test uses none. */
    private static final Logger CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private static Devnet devnet;
    private static ConfigurableApplicationContext app;
    private static String page;
    private static ChainClient client;
    private static ChromeDriverService service;
    private static WebDriver driver;
    private static Path userData;
    private static Path screenshots;

    @BeforeAll
    static void start() throws IOException {
        ExternalProgram.requireFile("chromium", CHROMIUM, "apt-get install chromium chromium-driver (.ci/run does)");
        ExternalProgram.requireFile("chromium", CHROMEDRIVER, "apt-get install chromium chromium-driver (.ci/run does)");
        screenshots = buildDir().resolve("screenshots");
        Files.createDirectories(screenshots);
        devnet = Devnet.builder().genesis(WebApp.genesis()).start();
        app = WebApp.start(devnet, "--server.port=0", "--webapp.dev-wallet=true");
        page = app.getBean(WebAppSettings.class).publicUrl() + "/";
        client = ChainClient.create(devnet.url());

        CDP_LOG.setLevel(Level.SEVERE);
        userData = Files.createTempDirectory("antelopekit-chromium");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + userData, "--window-size=1280,1200",
                "--force-device-scale-factor=1");
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (client != null) {
            client.dispose();
        }
        if (app != null) {
            app.close();
        }
        if (devnet != null) {
            devnet.stop();
        }
        if (userData != null) {
            try (Stream<Path> files = Files.walk(userData)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void signsInTransfersAndSeesIrreversible() throws Exception {
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        EsrTestWallet alice = EsrTestWallet.of(DevAccount.of("alice").privateKey(),
                PermissionLevel.from("alice@active"), client);

        // the API refuses strangers: no session, no account; no CSRF token, no POST
        assertThat(status("GET", "api/me")).isEqualTo(401);
        assertThat(status("POST", "api/transfers")).isEqualTo(403);

        // 1. signed out: an identity request as QR code and link
        driver.get(page);
        WebElement link = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#signin-link[data-link^='esr:']")));
        String signInLink = link.getAttribute("data-link");
        assertThat(link.getAttribute("href")).isEqualTo(signInLink);
        assertThat(driver.findElement(By.id("signin-link-text")).getText()).isEqualTo(signInLink);
        assertThat(driver.findElement(By.id("signin-status")).getText()).contains("Waiting for your wallet");
        screenshot("01-sign-in");
        // the phone reads the QR code: it must hold the link
        assertThat(PageQr.decode(driver.findElement(By.cssSelector("#signin-qr svg")))).isEqualTo(signInLink);

        // 2. alice's wallet answers the QR code's request; the page signs in by itself
        alice.handle(signInLink).block(WALLET);
        awaitSignedIn(wait);
        assertThat(driver.findElement(By.id("account")).getText()).isEqualTo("alice@active");
        assertThat(balancesShown(wait)).containsExactly("1000000.0000 EOS");
        screenshot("02-signed-in");

        // 3. a transfer alice's wallet signs: a signing request on the page, read from its QR code
        fillTransfer("bob", "1.0000 EOS", "from the browser test", "signer-wallet");
        WebElement transferLink = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".transfer[data-signer='wallet'] .transfer-link[data-link^='esr:']")));
        String signLink = transferLink.getAttribute("data-link");
        assertThat(signLink).isNotEqualTo(signInLink);
        screenshot("03-transfer-signing-request");
        assertThat(PageQr.decode(driver.findElement(By.cssSelector(".transfer[data-signer='wallet'] .transfer-qr svg"))))
                .isEqualTo(signLink);
        alice.handle(signLink).block(WALLET);
        String walletTx = irreversible(wait, "wallet");
        assertThat(client.getTransactionStatus(Checksum256.from(walletTx)).block(WAIT).knownState())
                .isEqualTo(TransactionState.IRREVERSIBLE);
        wait.until(d -> balancesShown(wait).equals(List.of("999999.0000 EOS")));
        assertThat(balance("bob")).isEqualTo("1000001.0000 EOS");
        assertThat(driver.findElements(By.cssSelector(".transfer[data-signer='wallet'] .transfer-prompt")))
                .allMatch(e -> !e.isDisplayed());
        screenshot("04-wallet-transfer-irreversible");

        // 4. a transfer the service signs with its own key: from its account, no prompt
        fillTransfer("carol", "2.5000 EOS", "service pays", "signer-service");
        String serviceTx = irreversible(wait, "service");
        assertThat(serviceTx).isNotEqualTo(walletTx);
        assertThat(balance("carol")).isEqualTo("1000002.5000 EOS");
        assertThat(balance(WebApp.SERVICE_ACCOUNT)).isEqualTo("999997.5000 EOS");
        assertThat(balancesShown(wait)).containsExactly("999999.0000 EOS");
        screenshot("05-service-transfer-irreversible");

        // 5. a transfer the chain refuses (EOS has 4 decimals): the page says why, nothing moves
        fillTransfer("carol", "1 EOS", "wrong precision", "signer-service");
        WebElement failed = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".transfer[data-state='FAILED'] .status-list li[data-state='FAILED']")));
        assertThat(failed.getText()).startsWith("Failed: ").contains("symbol precision mismatch");
        assertThat(driver.findElements(By.cssSelector(".transfer[data-state='FAILED'] .transfer-id")))
                .allMatch(e -> !e.isDisplayed());
        assertThat(balance("carol")).isEqualTo("1000002.5000 EOS");

        // 6. sign out, then in again as bob with the page's devnet test wallet
        driver.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-view", "signed-out"));
        String secondLink = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#signin-link[data-link^='esr:']"))).getAttribute("data-link");
        assertThat(secondLink).isNotEqualTo(signInLink);
        new Select(driver.findElement(By.id("dev-account"))).selectByValue("bob");
        driver.findElement(By.id("signin-dev-answer")).click();
        awaitSignedIn(wait);
        assertThat(driver.findElement(By.id("account")).getText()).isEqualTo("bob@active");
        assertThat(balancesShown(wait)).containsExactly("1000001.0000 EOS");
        screenshot("06-signed-in-with-devnet-wallet");
    }

    /** Fills and sends the transfer form. */
    private static void fillTransfer(String to, String quantity, String memo, String signerId) {
        replace(driver.findElement(By.id("transfer-to")), to);
        replace(driver.findElement(By.id("transfer-quantity")), quantity);
        replace(driver.findElement(By.id("transfer-memo")), memo);
        driver.findElement(By.id(signerId)).click();
        driver.findElement(By.id("transfer-submit")).click();
    }

    private static void replace(WebElement input, String value) {
        input.clear();
        input.sendKeys(value);
    }

    /**
     * Waits for the transfer signed by {@code signer} to show IRREVERSIBLE, checks the states
     * shown before, and gives its transaction id.
     */
    private static String irreversible(WebDriverWait wait, String signer) {
        String card = ".transfer[data-signer='" + signer + "']";
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(card + " .status-list li[data-state='IRREVERSIBLE']")));
        List<String> states = driver.findElements(By.cssSelector(card + " .status-list li")).stream()
                .map(e -> e.getAttribute("data-state")).toList();
        assertThat(states).startsWith("STARTED").contains("ACCEPTED").endsWith("IRREVERSIBLE").doesNotContain("FAILED");
        assertThat(states.indexOf("ACCEPTED")).isLessThan(states.indexOf("IRREVERSIBLE"));
        String text = driver.findElement(By.cssSelector(card + " .status-list li[data-state='IRREVERSIBLE']")).getText();
        assertThat(text).matches("IRREVERSIBLE in block \\d+ \\(last irreversible block \\d+\\)");
        String tx = driver.findElement(By.cssSelector(card + " .transfer-id")).getAttribute("data-transaction-id");
        assertThat(tx).matches("[0-9a-f]{64}");
        return tx;
    }

    /** The balances the page shows, once loaded. */
    private static List<String> balancesShown(WebDriverWait wait) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#balances[data-loaded]")));
        wait.until(d -> d.findElement(By.id("balances")).getAttribute("aria-busy") == null);
        return driver.findElements(By.cssSelector("#balances li")).stream().map(WebElement::getText).toList();
    }

    /** An account's EOS balance, read from the chain. */
    private static String balance(String account) {
        return client.getCurrencyBalance(TOKEN, Name.from(account), EOS).block(WAIT).balances().get(0).toString();
    }

    /** The HTTP status of a bare request (no cookies, no CSRF token). */
    private static int status(String method, String path) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(page + path)).timeout(WAIT);
        b = method.equals("POST") ? b.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"bob\",\"quantity\":\"1.0000 EOS\",\"signer\":\"service\"}"))
                : b.GET();
        HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(screenshots.resolve("webapp-" + name + ".png"), png);
    }

    /** This build's output directory ({@code target}, or the one -Dantelopekit.buildDir names): the parent of the test classes. */
    private static Path buildDir() {
        try {
            Path classes = Paths.get(WebAppBrowserTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.getParent();
        } catch (Exception e) {
            return Paths.get("target").toAbsolutePath();
        }
    }

    /** Waits for the signed-in view; if it never comes, says what the page's sign-in status showed. */
    private static void awaitSignedIn(WebDriverWait wait) throws IOException {
        try {
            wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-view", "signed-in"));
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("failed-sign-in");
            throw new AssertionError("the page did not sign in; its sign-in status: \""
                    + driver.findElement(By.id("signin-status")).getText() + "\"", e);
        }
    }
}
