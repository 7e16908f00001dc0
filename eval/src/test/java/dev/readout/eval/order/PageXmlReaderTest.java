package dev.readout.eval.order;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.readout.core.model.Box;
import dev.readout.core.model.Line;
import dev.readout.core.model.Page;
import dev.readout.core.model.Word;
import dev.readout.reader.xycut.XyCutReadingOrder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PageXmlReaderTest {
    // Region r2 is read first; within r1 the custom indices reverse the document order; r3 is not in the order.
    static final String XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2013-07-15">
              <Page imageFilename="x.tif" imageWidth="1000" imageHeight="800">
                <ReadingOrder>
                  <OrderedGroup id="ro">
                    <RegionRefIndexed index="5" regionRef="r1"/>
                    <RegionRefIndexed index="2" regionRef="r2"/>
                  </OrderedGroup>
                </ReadingOrder>
                <TextRegion id="r1" custom="readingOrder {index:1;}">
                  <Coords points="0,0 10,0 10,10 0,10"/>
                  <TextLine id="l12" custom="readingOrder {index:1;}">
                    <Coords points="100,300 500,290 510,330 100,340"/>
                    <TextEquiv><Unicode>second of r1</Unicode></TextEquiv>
                  </TextLine>
                  <TextLine id="l11" custom="readingOrder {index:0;}">
                    <Coords points="100,200 500,200 500,240 100,240"/>
                    <TextEquiv><Unicode>first of r1</Unicode></TextEquiv>
                  </TextLine>
                </TextRegion>
                <TextRegion id="r2" custom="readingOrder {index:0;}">
                  <TextLine id="l21" custom="readingOrder {index:0;}">
                    <Coords points="100,100 500,100 500,140 100,140"/>
                    <TextEquiv><Unicode>title</Unicode></TextEquiv>
                  </TextLine>
                </TextRegion>
                <TextRegion id="r3">
                  <TextLine id="l31"><Coords points="1,1 2,2"/></TextLine>
                </TextRegion>
              </Page>
            </PcGts>
            """;

    private static OrderedPage read() throws Exception {
        return PageXmlReader.read("tiny.xml", new ByteArrayInputStream(XML.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void goldOrderIsRegionOrderThenLineOrder() throws Exception {
        OrderedPage op = read();
        Page page = op.page();
        assertEquals(1000, page.width());
        assertEquals(800, page.height());
        assertEquals(3, page.lines().size());
        Map<String, String> textOfWord = page.words().stream().collect(Collectors.toMap(Word::id, Word::text));
        Map<String, Line> byId = page.lines().stream().collect(Collectors.toMap(Line::id, Function.identity()));
        List<String> texts = op.gold().stream().map(id -> textOfWord.get(byId.get(id).wordIds().get(0))).toList();
        assertEquals(List.of("title", "first of r1", "second of r1"), texts);
        assertEquals(new Box(100, 290, 510, 340), byId.get(op.gold().get(2)).box());
        assertEquals(new HashSet<>(op.gold()), page.lines().stream().map(Line::id).collect(Collectors.toSet()));
    }

    @Test
    void shuffleIsDeterministic() throws Exception {
        assertEquals(read().gold(), read().gold());
    }

    @Test
    void xycutReadsTheSingleColumnPerfectly() throws Exception {
        OrderedPage op = read();
        ReadingOrderEvaluation.Scores s = ReadingOrderEvaluation.score(new XyCutReadingOrder(), List.of(op));
        assertEquals(1, s.pages());
        assertEquals(1.0, s.bleu(), 1e-12);
        assertEquals(0.0, s.ard(), 1e-12);
        assertEquals(1.0, s.kendallTau(), 1e-12);
        String json = new ReadingOrderReport("page-xml", 1, Map.of("xycut", s)).toJson();
        assertEquals(true, json.contains("\"kendall_tau\""));
    }
}
