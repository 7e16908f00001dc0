package dev.readout.vqa.values;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValuesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "1.234,56 €|1234.56|EUR",
        "USD 1,234.56|1234.56|USD",
        "$1,234.56|1234.56|USD",
        "Total: 1 234,56 EUR|1234.56|EUR",
        "CHF 1'234.50|1234.50|CHF",
        "1234,5|1234.5|null",
        "1234.56|1234.56|null",
        "1,234|1234|null",
        "1.234.567|1234567|null",
        "1.234.567,89|1234567.89|null",
        "(12.00)|-12.00|null",
        "-45,10 EUR|-45.10|EUR",
        "£ 99|99|GBP",
        "Unit price 0.1250|0.1250|null",
        "RM 9.90|9.90|MYR",
        "Betrag 12.500,00|12500.00|null",
        "RM 50 .80|50.80|MYR",
        "Total 79. 35|79.35|null"})
    void amounts(String text, String value, String currency) {
        Money m = Money.parse(text).orElseThrow();
        assertThat(m.amount()).isEqualByComparingTo(new BigDecimal(value));
        assertThat(m.currency()).isEqualTo(currency);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "12.03.2026|MONTH_FIRST|2026-03-12|false",
        "03/12/2026|MONTH_FIRST|2026-03-12|true",
        "03/12/2026|DAY_FIRST|2026-12-03|true",
        "25/12/2026|MONTH_FIRST|2026-12-25|false",
        "12/25/2026|DAY_FIRST|2026-12-25|false",
        "12 March 2026|MONTH_FIRST|2026-03-12|false",
        "Invoice date: March 12, 2026|MONTH_FIRST|2026-03-12|false",
        "12. März 2026|MONTH_FIRST|2026-03-12|false",
        "1er avril 2026|MONTH_FIRST|2026-04-01|false",
        "12-Mar-2026|MONTH_FIRST|2026-03-12|false",
        "2026-03-12|MONTH_FIRST|2026-03-12|false",
        "Due 05.06.26|MONTH_FIRST|2026-06-05|false",
        "7 Sept 1999|MONTH_FIRST|1999-09-07|false",
        "02/02/20177:31:08 PM|DAY_FIRST|2017-02-02|false",
        "25/01/2018 1:22:56PM|DAY_FIRST|2018-01-25|false",
        "Receipt : 71857936 02/03/1805:16PM|DAY_FIRST|2018-03-02|true",
        "30 Mar201818:17|DAY_FIRST|2018-03-30|false"})
    void dates(String text, Dates.Order order, String iso, boolean ambiguous) {
        Dates.Parsed d = Dates.parse(text, order).orElseThrow();
        assertThat(d.iso()).isEqualTo(iso);
        assertThat(d.ambiguous()).isEqualTo(ambiguous);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"no date here", "31.02.2026", "13/13/2026", "02/02/20177"})
    void notDates(String text) {
        assertThat(Dates.parse(text)).isEmpty();
    }
}
