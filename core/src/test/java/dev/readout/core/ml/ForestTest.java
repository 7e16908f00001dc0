package dev.readout.core.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ForestTest {
    /** Two trees over two features: x0 ≤ 0.5 → 0.2 else 0.8; x1 ≤ 5 → 0.0 else (x0 ≤ 3 → 0.5 else 1.0). */
    static final String TWO = "[{\"feature\":[0,-1,-1],\"threshold\":[0.5,-2,-2],\"left\":[1,-1,-1],\"right\":[2,-1,-1],\"p\":[0.5,0.2,0.8]},"
            + "{\"feature\":[1,-1,0,-1,-1],\"threshold\":[5,-2,3,-2,-2],\"left\":[1,-1,3,-1,-1],\"right\":[2,-1,4,-1,-1],\"p\":[0.5,0.0,0.7,0.5,1.0]}]";

    static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    @Test
    void theProbabilityIsTheMeanOfTheLeavesReached() throws Exception {
        Forest f = Forest.read(json(TWO), 2, "test forest");
        assertThat(f.inputs()).isEqualTo(2);
        assertThat(f.probability(new double[] {0.0, 0.0})).isEqualTo((0.2 + 0.0) / 2);
        assertThat(f.probability(new double[] {2.0, 9.0})).isEqualTo((0.8 + 0.5) / 2);
        assertThat(f.probability(new double[] {4.0, 9.0})).isEqualTo((0.8 + 1.0) / 2);
        // compared as a float, as scikit-learn compares: 0.50000001 rounds to the float 0.5, which is ≤ the threshold
        assertThat(f.probability(new double[] {0.50000001, 0.0})).isEqualTo(0.1);
        assertThat(f.probability(new double[] {0.5001, 0.0})).isEqualTo(0.4);
        assertThatThrownBy(() -> f.probability(new double[] {1.0})).hasMessageContaining("1 features, the forest takes 2");
    }

    @Test
    void malformedTreesAreRefusedNamingTheModel() throws Exception {
        assertThatThrownBy(() -> Forest.read(json("[]"), 2, "my model")).hasMessage("my model: no trees");
        assertThatThrownBy(() -> Forest.read(null, 2, "my model")).hasMessage("my model: no trees");
        // a child pointing back at its parent would loop forever
        assertThatThrownBy(() -> Forest.read(json(TWO.replace("\"left\":[1,-1,-1]", "\"left\":[0,-1,-1]")), 2, "my model"))
                .hasMessage("my model: tree node 0 is malformed");
        // a feature the rows do not have
        assertThatThrownBy(() -> Forest.read(json(TWO), 1, "my model")).hasMessage("my model: tree node 0 is malformed");
        assertThatThrownBy(() -> Forest.read(json(TWO.replace("\"p\":[0.5,0.2,0.8]", "\"p\":[0.5,0.2]")), 2, "my model"))
                .hasMessage("my model: a tree's node arrays differ in length");
        assertThatThrownBy(() -> Forest.read(json("[{\"feature\":[-1]}]"), 2, "my model"))
                .hasMessage("my model: a tree lacks a node array");
    }
}
