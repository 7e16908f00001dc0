package dev.readout.vqa.invoice;

/** A row of the items table: description and, when printed, quantity, unit price and amount (normalised). */
public record LineItem(String description, String quantity, String unitPrice, String amount, double score, Evidence evidence) {
}
