package dev.readout.cli.samples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.color.PDColor;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceCharacteristicsDictionary;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;

/**
 * {@code invoice.pdf}: a born-digital one-page invoice (A4, Helvetica) with vendor, invoice number and
 * dates, bill-to, a four-row line-item table, subtotal, VAT and total in EUR, and an AcroForm with three
 * filled text fields, each with a printed label to its left.
 */
final class InvoiceSample {
    static final String FILE = "invoice.pdf";

    /** Line items: description, quantity, unit price in cents. */
    record Item(String description, int qty, long unitCents) {
        long amountCents() {
            return qty * unitCents;
        }
    }

    static final List<Item> ITEMS = List.of(
            new Item("A4 copy paper, 80 g/m2 (box of 5 reams)", 12, 2450),
            new Item("Ballpoint pens, blue (pack of 50)", 4, 1890),
            new Item("Desk organiser, bamboo", 6, 3200),
            new Item("Delivery and handling", 1, 2500));

    /** The AcroForm text fields: field name, printed label, value. */
    static final List<String[]> FIELDS = List.of(
            new String[] {"po_number", "PO number:", "PO-55812"},
            new String[] {"approved_by", "Approved by:", "M. Jansen"},
            new String[] {"cost_centre", "Cost centre:", "CC-4410"});

    static final int VAT_PERCENT = 19;

    private InvoiceSample() {
    }

    static String money(long cents) {
        return String.format(java.util.Locale.ROOT, "%,d.%02d", cents / 100, cents % 100);
    }

    static long subtotalCents() {
        return ITEMS.stream().mapToLong(Item::amountCents).sum();
    }

    static long vatCents() {
        return Math.round(subtotalCents() * VAT_PERCENT / 100.0);
    }

    static void write(Path file) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            float h = page.getMediaBox().getHeight();
            float left = 56;
            float right = 539;
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                PdfKit k = new PdfKit(cs, h);
                // vendor
                k.text(PdfKit.HELVETICA_BOLD, 14, left, 72, "Brightline Office Supplies GmbH");
                k.text(PdfKit.HELVETICA, 10, left, 88, "Lindenstrasse 42");
                k.text(PdfKit.HELVETICA, 10, left, 101, "10969 Berlin, Germany");
                k.text(PdfKit.HELVETICA, 10, left, 114, "VAT ID DE294817364");
                // title and invoice data
                k.textRight(PdfKit.HELVETICA_BOLD, 22, right, 76, "INVOICE");
                String[][] meta = {
                        {"Invoice number:", "INV-2024-0117"},
                        {"Invoice date:", "15 March 2024"},
                        {"Due date:", "14 April 2024"},
                        {"Currency:", "EUR"}};
                float y = 110;
                for (String[] m : meta) {
                    k.text(PdfKit.HELVETICA_BOLD, 10, 350, y, m[0]);
                    k.textRight(PdfKit.HELVETICA, 10, right, y, m[1]);
                    y += 14;
                }
                // bill to
                k.text(PdfKit.HELVETICA_BOLD, 10, left, 182, "Bill to:");
                k.text(PdfKit.HELVETICA, 10, left, 196, "Harbour Analytics B.V.");
                k.text(PdfKit.HELVETICA, 10, left, 209, "Keizersgracht 221");
                k.text(PdfKit.HELVETICA, 10, left, 222, "1016 DV Amsterdam, Netherlands");
                // line items
                float qtyRight = 350;
                float unitRight = 445;
                k.rule(left, right, 258, 0.8f);
                k.text(PdfKit.HELVETICA_BOLD, 10, left, 272, "Description");
                k.textRight(PdfKit.HELVETICA_BOLD, 10, qtyRight, 272, "Qty");
                k.textRight(PdfKit.HELVETICA_BOLD, 10, unitRight, 272, "Unit price");
                k.textRight(PdfKit.HELVETICA_BOLD, 10, right, 272, "Amount");
                k.rule(left, right, 278, 0.5f);
                y = 294;
                for (Item it : ITEMS) {
                    k.text(PdfKit.HELVETICA, 10, left, y, it.description());
                    k.textRight(PdfKit.HELVETICA, 10, qtyRight, y, Integer.toString(it.qty()));
                    k.textRight(PdfKit.HELVETICA, 10, unitRight, y, money(it.unitCents()));
                    k.textRight(PdfKit.HELVETICA, 10, right, y, money(it.amountCents()));
                    y += 17;
                }
                k.rule(left, right, y - 8, 0.5f);
                // totals
                y += 10;
                k.text(PdfKit.HELVETICA, 10, 350, y, "Subtotal");
                k.textRight(PdfKit.HELVETICA, 10, right, y, money(subtotalCents()));
                y += 15;
                k.text(PdfKit.HELVETICA, 10, 350, y, "VAT " + VAT_PERCENT + "%");
                k.textRight(PdfKit.HELVETICA, 10, right, y, money(vatCents()));
                y += 8;
                k.rule(350, right, y, 0.8f);
                y += 15;
                k.text(PdfKit.HELVETICA_BOLD, 11, 350, y, "Total due");
                k.textRight(PdfKit.HELVETICA_BOLD, 11, right, y, "EUR " + money(subtotalCents() + vatCents()));
                // form section labels
                k.text(PdfKit.HELVETICA_BOLD, 10, left, 480, "For the customer's records");
                float fy = 506;
                for (String[] f : FIELDS) {
                    k.text(PdfKit.HELVETICA, 10, left, fy, f[1]);
                    fy += 26;
                }
                // terms
                k.text(PdfKit.HELVETICA, 9, left, 640, "Payment terms: 30 days net. Please quote the invoice number with your payment.");
                k.text(PdfKit.HELVETICA, 9, left, 653, "Bank: Example Bank Berlin, IBAN DE00 1234 5678 9012 3456 78, BIC EXAMDEBB");
                k.text(PdfKit.HELVETICA_OBLIQUE, 8, left, 790, "Sample document made by the Readout project; names and numbers are fictitious.");
            }
            addForm(doc, page, h, left);
            PdfKit.save(doc, file, "Invoice INV-2024-0117", "readout-sample-invoice");
        }
    }

    private static void addForm(PDDocument doc, PDPage page, float h, float left) throws IOException {
        PDAcroForm form = new PDAcroForm(doc);
        doc.getDocumentCatalog().setAcroForm(form);
        PDResources dr = new PDResources();
        dr.put(COSName.getPDFName("Helv"), PdfKit.HELVETICA);
        form.setDefaultResources(dr);
        form.setDefaultAppearance("/Helv 10 Tf 0 g");
        float fy = 506;
        for (String[] f : FIELDS) {
            PDTextField tf = new PDTextField(form);
            tf.setPartialName(f[0]);
            tf.setDefaultAppearance("/Helv 10 Tf 0 g");
            PDAnnotationWidget w = tf.getWidgets().get(0);
            // the label's text spans about [baseline - 7.2, baseline + 2.1]: centre the 18 pt box on it
            float top = fy - 12;
            w.setRectangle(new PDRectangle(left + 90, h - top - 18, 180, 18));
            w.setPage(page);
            w.setPrinted(true);
            PDAppearanceCharacteristicsDictionary mk = new PDAppearanceCharacteristicsDictionary(new COSDictionary());
            mk.setBorderColour(new PDColor(new float[] {0.4f, 0.4f, 0.4f}, PDDeviceRGB.INSTANCE));
            mk.setBackground(new PDColor(new float[] {0.94f, 0.96f, 1f}, PDDeviceRGB.INSTANCE));
            w.setAppearanceCharacteristics(mk);
            page.getAnnotations().add(w);
            form.getFields().add(tf);
            tf.setValue(f[2]);
            fy += 26;
        }
    }
}
