package dev.readout.eval.docvqa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** ANLS on cases computed by hand. */
class AnlsTest {
    @Test
    void exactMatchScoresOneAfterCaseAndSpaceNormalisation() {
        assertThat(Anls.score("  ExxonMobil ", List.of("exxonmobil"))).isEqualTo(1.0);
        assertThat(Anls.score("sargasso  sea\ttemperature", List.of("Sargasso Sea Temperature"))).isEqualTo(1.0);
    }

    @Test
    void oneEditInTenCharactersScoresNineTenths() {
        // lev("1/12/1998", "1/12/1999") = 1, max length 9 -> 1 - 1/9
        assertThat(Anls.score("1/12/1998", List.of("1/12/1999"))).isCloseTo(1 - 1 / 9.0, within(1e-12));
        // lev("kitten", "sitting") = 3, max length 7 -> NL 3/7 < 0.5 -> 4/7
        assertThat(Anls.score("kitten", List.of("sitting"))).isCloseTo(4 / 7.0, within(1e-12));
    }

    @Test
    void atOrAboveTheThresholdScoresZero() {
        // lev("abcd", "abxy") = 2, max 4 -> NL 0.5, not < 0.5 -> 0
        assertThat(Anls.score("abcd", List.of("abxy"))).isZero();
        assertThat(Anls.score("", List.of("total"))).isZero();
        assertThat(Anls.score(null, List.of("total"))).isZero();
    }

    @Test
    void theBestGoldAnswerCounts() {
        // "itc limited": vs "itc ltd" lev 4 / 11 -> 7/11; vs "itc limited" exact -> 1
        assertThat(Anls.score("ITC Limited", List.of("itc ltd", "itc limited"))).isEqualTo(1.0);
        assertThat(Anls.score("itc limted", List.of("itc ltd", "xyz"))).isCloseTo(1 - 3 / 10.0, within(1e-12));
    }

    @Test
    void levenshteinCountsCodePoints() {
        assertThat(Anls.levenshtein("", "abc")).isEqualTo(3);
        assertThat(Anls.levenshtein("café", "cafe")).isEqualTo(1);
        assertThat(Anls.levenshtein("\uD83D\uDE00a", "a")).isEqualTo(1);
    }
}
