package dev.readout.vqa.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.vqa.TestPage;
import org.junit.jupiter.api.Test;

/**
 * Receipt fields from receipts made here: OCR-like lines with boxes (10 px a character, 20 px a line), some with the
 * kinds of OCR slips and layouts found on Malaysian till receipts. No dataset files.
 */
class ReceiptExtractionTest {

    /** Builds one OCR'd page from lines placed at (x, y) ({@link TestPage}, 600 × 1200) and extracts its fields. */
    static final class Receipt {
        private final TestPage page = new TestPage(600, 1200, "receipt.png");

        Receipt line(int x, int y, String text) {
            page.line(x, y, text);
            return this;
        }

        Receipt line(int x, int y, String text, double confidence) {
            page.line(x, y, text, confidence);
            return this;
        }

        InvoiceFields extract() {
            return new InvoiceExtractor().extract(page.document());
        }
    }

    private static String text(InvoiceFields f, String name) {
        Field x = f.get(name);
        return x == null ? null : x.text();
    }

    private static String value(InvoiceFields f, String name) {
        Field x = f.get(name);
        return x == null ? null : x.value();
    }

    @Test
    void companyUnderALogoIsCutAfterItsLegalFormAndTheAddressSkipsTheRegistrationNumber() {
        InvoiceFields f = new Receipt()
                .line(200, 20, "~% ad8 Ww", 0.2)                       // a logo read as noise
                .line(100, 60, "KEDAI MAJU TRADING SDN BHD (123456-K)")
                .line(220, 85, "(123456-K)")
                .line(120, 110, "12, Jalan Mawar 3/2, Taman Sri Mawar,")
                .line(150, 135, "43000 Kajang, Selangor. Tel: 03-8736 1234")
                .line(180, 160, "GST REG NO: 001234567890")
                .line(220, 200, "TAX INVOICE")
                .line(20, 240, "Date: 05/03/2018 10:22")
                .extract();
        assertThat(text(f, "vendor_name")).isEqualTo("KEDAI MAJU TRADING SDN BHD");
        assertThat(text(f, "vendor_address")).isEqualTo("12, Jalan Mawar 3/2, Taman Sri Mawar, 43000 Kajang, Selangor.");
        assertThat(value(f, "invoice_date")).isEqualTo("2018-03-05");
    }

    /** PP-OCR slips: a licensee line and a date run together with its time above the address, 1 and 0 read for l and O. */
    @Test
    void theAddressSkipsALicenseeLineAndAGluedDateAndMendsDigitsReadForLetters() {
        InvoiceFields f = new Receipt()
                .line(100, 60, "GERBANG ALAF RESTAURANTS SDN BHD")
                .line(120, 85, "Licensee of Mc Donald's")
                .line(120, 110, "30 Mar201818:17")
                .line(100, 135, "Leve1 6, Bangunan TH,Damansara Uptown3")
                .line(100, 160, "No. 3,Ja1an SS21/39,47400 Peta1ing Jaya")
                .line(100, 185, "L0T 7, U13/X Selangor")
                .line(150, 210, "TEL NO. 03-7726 6000")
                .extract();
        assertThat(text(f, "vendor_name")).isEqualTo("GERBANG ALAF RESTAURANTS SDN BHD");
        assertThat(text(f, "vendor_address"))
                .isEqualTo("Level 6, Bangunan TH,Damansara Uptown3 No. 3,Jalan SS21/39,47400 Petaling Jaya LOT 7, U13/X Selangor");
        assertThat(InvoiceExtractor.letters("SS21/39 U13 B1 10 Ja1an KL0")).isEqualTo("SS21/39 U13 B1 10 Jalan KL0");
    }

    @Test
    void theCountryEndsTheAddressAndTheBranchNameBelowItIsLeftOut() {
        InvoiceFields f = new Receipt()
                .line(100, 60, "AEON CO. (M) BHD")
                .line(100, 85, "No 8, Jalan 7/118B, Desa Tun Razak")
                .line(100, 110, "56000 Kuala Lumpur, Malaysia")
                .line(140, 135, "SUNWAY VELOCITY")
                .extract();
        assertThat(text(f, "vendor_address")).isEqualTo("No 8, Jalan 7/118B, Desa Tun Razak 56000 Kuala Lumpur, Malaysia");
    }

    /** Trade words under a name describe it; a branch name before the registration line is not the address. */
    @Test
    void tradeWordsUnderTheNameAndABranchLineAreNeitherNameNorAddress() {
        InvoiceFields bistro = new Receipt()
                .line(70, 20, "THREE STOOGES")
                .line(160, 45, "BISTRO&CAFE")
                .line(160, 70, "109,SS21/1A,")
                .line(150, 95, "DAMANSARA UTAMA")
                .line(120, 120, "GST ID :001661886464")
                .extract();
        assertThat(text(bistro, "vendor_name")).isEqualTo("THREE STOOGES");
        assertThat(text(bistro, "vendor_address")).isEqualTo("109,SS21/1A, DAMANSARA UTAMA");

        InvoiceFields branch = new Receipt()
                .line(60, 20, "TF Value-Mart Sdn Bhd(482123-U)")
                .line(120, 45, "Bentong-2")
                .line(80, 70, "GST Reg No000184401920")
                .line(100, 95, "Jalan Tras Batu1")
                .line(110, 120, "28700 Bentong")
                .line(90, 145, "Pahang Darul Makmur.")
                .line(100, 170, "Tel:09-2201388")
                .extract();
        assertThat(text(branch, "vendor_name")).isEqualTo("TF Value-Mart Sdn Bhd");
        assertThat(text(branch, "vendor_address")).as("Batu1 is Batu 1, not Batul").isEqualTo("Jalan Tras Batu1 28700 Bentong Pahang Darul Makmur.");
    }

    /** A title OCR broke with spaces still ends the header: the owner's company under it is not the merchant. */
    @Test
    void aTitleWithSpacesInsideItsWordsEndsTheHeader() {
        InvoiceFields f = new Receipt()
                .line(100, 20, "SANYUSTATIONERYSHOP")
                .line(60, 45, "NO. 31G&33G JALAN SETIAINDAHX U13/X")
                .line(120, 70, "40170SETIA ALAM")
                .line(80, 95, "Tel:+603-33624137")
                .line(150, 120, "TA XINV OICE")
                .line(100, 145, "Owned By:")
                .line(80, 170, "SANYU SUPPLY SDN BHD(1135772-K)")
                .extract();
        assertThat(text(f, "vendor_name")).isEqualTo("SANYUSTATIONERYSHOP");
        assertThat(text(f, "vendor_address")).isEqualTo("NO. 31G&33G JALAN SETIAINDAHX U13/X 40170SETIA ALAM");
        assertThat(InvoiceExtractor.title("SIMPLIFIED TAX INV OICE")).isTrue();
        assertThat(InvoiceExtractor.title("INVOICE NO: 1234")).isTrue();
        assertThat(InvoiceExtractor.title("INVERNESS STATIONERY")).isFalse();
    }

    /** "Due" alone labels the amount due; a tax line saying the total includes GST at a rate is not the total. */
    @Test
    void dueAloneIsTheAmountDueButNotADueDate() {
        InvoiceFields f = new Receipt()
                .line(100, 20, "KEDAI MAJU TRADING SDN BHD")
                .line(20, 300, "Rounding Adj 0.00")
                .line(380, 325, "Due")
                .line(670, 325, "25.15")
                .line(380, 350, "Pay")
                .line(670, 350, "25.15")
                .line(130, 400, "(Total Included GST@6%: 1.42)")
                .extract();
        assertThat(value(f, "total")).isEqualTo("25.15");

        InvoiceFields invoice = new Receipt()
                .line(100, 20, "KEDAI MAJU TRADING SDN BHD")
                .line(20, 300, "Due: 15.04.2026")
                .line(20, 325, "Total 80.00")
                .extract();
        assertThat(value(invoice, "total")).isEqualTo("80.00");
    }

    @Test
    void aNameOverTwoLinesIsJoinedAndTheTitleIsNeverTheCompany() {
        InvoiceFields f = new Receipt()
                .line(150, 20, "SIMPLIFIED TAX INVOICE")
                .line(140, 60, "SINAR BOOK")
                .line(110, 85, "CO. (M) SON BH)")                         // OCR slips in "SDN BHD"
                .line(130, 110, "(Co. No. 113825-W)")
                .line(60, 135, "No 8, Jalan 7/118B, Desa Tun Razak")
                .line(100, 160, "56000 Kuala Lumpur, Malaysia")
                .line(150, 185, "Tel : 03-9201 6281")
                .extract();
        assertThat(text(f, "vendor_name")).isEqualTo("SINAR BOOK CO. (M) SDN BHD");
        assertThat(text(f, "vendor_address")).isEqualTo("No 8, Jalan 7/118B, Desa Tun Razak 56000 Kuala Lumpur, Malaysia");
    }

    @Test
    void aLegalFormInTheHeaderWinsOverABrandButNotAnOwnerBelowTheTitle() {
        InvoiceFields owner = new Receipt()
                .line(150, 20, "LEMON TEA & CO.")
                .line(100, 45, "Dimiliki oleh T PLUS F&B SDN. BHD.")
                .line(100, 70, "PARADIGM MALL LOT NO.: 4F-27, 4TH FLOOR")
                .line(200, 100, "TAX INVOICE")
                .extract();
        assertThat(text(owner, "vendor_name")).isEqualTo("Dimiliki oleh T PLUS F&B SDN. BHD.");

        InvoiceFields shop = new Receipt()
                .line(140, 20, "MAWAR STATIONERY SHOP")
                .line(100, 45, "NO. 31G, JALAN SETIA INDAH X, U13/X")
                .line(150, 70, "40170 SETIA ALAM")
                .line(200, 100, "TAX INVOICE")
                .line(20, 120, "Owned By")
                .line(20, 140, "MAWAR SUPPLY SDN BHD (1435772-K)")
                .extract();
        assertThat(text(shop, "vendor_name")).isEqualTo("MAWAR STATIONERY SHOP");
        assertThat(text(shop, "vendor_address")).isEqualTo("NO. 31G, JALAN SETIA INDAH X, U13/X 40170 SETIA ALAM");
    }

    @Test
    void theRoundedTotalIsWhatIsDue() {
        InvoiceFields f = new Receipt()
                .line(120, 20, "MAJU MART SDN BHD")
                .line(20, 300, "Total Sales (Inclusive GST) RM 45.34")
                .line(150, 325, "Rounding Adjustment RM 0.01")
                .line(300, 350, "Rounding RM 45.35")
                .line(300, 375, "CASH RM 50.00")
                .line(300, 400, "CHANGE RM 4.65")
                .extract();
        assertThat(value(f, "total")).isEqualTo("45.35");
    }

    @Test
    void tenderedMinusChangeSettlesBetweenTotals() {
        InvoiceFields f = new Receipt()
                .line(120, 20, "MAJU BOOK CO. SDN BHD")
                .line(20, 300, "Total RM Incl. of GST 40.99")
                .line(20, 325, "Rounding Adj 0.01")
                .line(20, 350, "Total RM 41.00")
                .line(20, 375, "Cash 51.00")
                .line(20, 400, "CHANGE 10.00")
                .line(20, 450, "Total Savings -1.01")
                .extract();
        assertThat(value(f, "total")).isEqualTo("41.00");
    }

    @Test
    void taxTotalsSubtotalsAndTaxStatementsAreNotTheTotal() {
        InvoiceFields f = new Receipt()
                .line(120, 20, "MAJU HARDWARE ENTERPRISE")
                .line(20, 300, "SUB-TOTAL (GST) 2.50")
                .line(20, 325, "TOTAL 2.50")
                .line(20, 350, "GST @ 6% INCLUDED IN TOTAL 0.14")
                .line(20, 375, "TAX TOTAL: 0.18")
                .extract();
        assertThat(value(f, "total")).isEqualTo("2.50");
    }

    @Test
    void aGrandTotalWhoseDecimalMarkOcrLostIsStillRead() {
        InvoiceFields f = new Receipt()
                .line(120, 20, "MAJU RESTAURANT")
                .line(300, 300, "GrandTotal 92 80")
                .line(300, 325, "Cash Received 100.00")
                .line(300, 350, "Change 7.20")
                .extract();
        assertThat(value(f, "total")).isEqualTo("92.80");
    }

    @Test
    void malaySuffixSlipsAreMendedOnlyWhereTheyAreSlips() {
        assertThat(InvoiceExtractor.fixLegalSuffix("AMANO MALAYSIA SON BH)")).isEqualTo("AMANO MALAYSIA SDN BHD");
        assertThat(InvoiceExtractor.fixLegalSuffix("TF Value-Mart Sdn Bhd")).isEqualTo("TF Value-Mart Sdn Bhd");
        assertThat(InvoiceExtractor.fixLegalSuffix("99 SPEED MART 5/8 (519537-X)")).isEqualTo("99 SPEED MART S/B (519537-X)");
        assertThat(InvoiceExtractor.fixLegalSuffix("PIPE 5/8 INCH")).isEqualTo("PIPE 5/8 INCH");
        assertThat(InvoiceExtractor.cutAfterSuffix("99 SPEED MART S/B (519537-X)")).isEqualTo("99 SPEED MART S/B");
        assertThat(InvoiceExtractor.cutAfterSuffix("AIK HUAT (SETIA ALAM) SDN BHD")).isEqualTo("AIK HUAT (SETIA ALAM) SDN BHD");
    }
}
