"""Fast checks (< 1 min, no training): tokenizer, BIO/seqeval logic, Viterbi, line grouping, windows, ONNX export of
every coordinate encoding against PyTorch, pretrained weight mapping (when the Maven artefacts are present).

    /usr/bin/python3 training/test_smoke.py
"""
import os
import sys
import tempfile
import unittest

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np  # noqa: E402
import torch  # noqa: E402

import funsd_data as fd  # noqa: E402
import metrics  # noqa: E402
import pretrained  # noqa: E402
from layout_model import LayoutTagger, encoder_config  # noqa: E402

FUNSD = "/work/shared/datasets/funsd/training_data"
HAVE_MINILM = os.path.isfile(pretrained.MINILM_JAR) or os.path.isdir(os.path.join(pretrained.CACHE, "minilm"))
HAVE_BERT = os.path.isfile(pretrained.BERT_JAR) or os.path.isdir(os.path.join(pretrained.CACHE, "bert-base-uncased"))


def tokenizer():
    from wordpiece import WordPiece
    return WordPiece(pretrained.vocab_path("minilm" if HAVE_MINILM else "bert-base"))


@unittest.skipUnless(HAVE_MINILM or HAVE_BERT, "no vocabulary (run training/setup.sh)")
class TokenizerTest(unittest.TestCase):
    def test_cases(self):
        t = tokenizer()
        inv = {v: k for k, v in t.vocab.items()}
        words = lambda w: [inv[i] for i in t.encode_word(w)]
        self.assertEqual(words("Suggestion:"), ["suggestion", ":"])
        self.assertEqual(words("R&D"), ["r", "&", "d"])
        self.assertEqual(words("Café-Crème"), ["cafe", "-", "cr", "##eme"])
        self.assertEqual(words("12/05/1998"), ["12", "/", "05", "/", "1998"])
        self.assertEqual(words("\u0000\u200b"), ["[UNK]"])  # nothing left -> [UNK]
        self.assertEqual(words("x" * 101), ["[UNK]"])


class MetricsTest(unittest.TestCase):
    def test_chunks_seqeval_default(self):
        tags = ["B-QUESTION", "I-QUESTION", "O", "I-ANSWER", "I-ANSWER", "B-ANSWER", "I-QUESTION", "B-HEADER"]
        self.assertEqual(metrics.chunks(tags), {("QUESTION", 0, 2), ("ANSWER", 3, 5), ("ANSWER", 5, 6),
                                                ("QUESTION", 6, 7), ("HEADER", 7, 8)})

    def test_scores(self):
        g = [["B-QUESTION", "I-QUESTION", "B-ANSWER", "O"]]
        p = [["B-QUESTION", "I-QUESTION", "B-ANSWER", "I-ANSWER"]]
        r = metrics.entity_scores(g, p)
        self.assertAlmostEqual(r["f1"], 0.5)

    def test_viterbi_repairs_orphan_i(self):
        lg = np.log(np.array([[.1, .1, .1, .1, .5, .05, .05], [.1, .1, .1, .1, .5, .05, .05], [.6, .1, .1, .1, .05, .05, .05]]))
        self.assertEqual(metrics.decode(lg, "argmax"), ["I-QUESTION", "I-QUESTION", "O"])
        self.assertEqual(metrics.decode(lg, "viterbi"), ["B-QUESTION", "I-QUESTION", "O"])

    def test_links(self):
        pages = [({(1, 2): 0.9, (1, 3): 0.6, (4, 3): 0.7}, {(1, 2), (4, 3)})]
        self.assertAlmostEqual(metrics.link_scores_f1(pages, 0.5)["precision"], 2 / 3)
        self.assertAlmostEqual(metrics.link_scores_f1(pages, 0.5, True)["f1"], 1.0)


class GroupingTest(unittest.TestCase):
    def test_lines_and_segments(self):
        boxes = [(10, 10, 50, 20), (55, 11, 90, 21), (300, 9, 350, 20),   # line 1: "a b" gap 5, then far "c"
                 (10, 40, 60, 50), (62, 41, 80, 52)]                      # line 2
        line_of, seg_of, lines, segs = fd.group_lines(boxes, overlap=0.5, gap=1.0)
        self.assertEqual(lines, [[0, 1, 2], [3, 4]])
        self.assertEqual(segs, [[0, 1], [2], [3, 4]])
        _, _, _, whole = fd.group_lines(boxes, gap=0)
        self.assertEqual(whole, [[0, 1, 2], [3, 4]])

    def test_normalize(self):
        self.assertEqual(fd.normalize_box((0, 0, 754, 1000), 754, 1000), (0, 0, 1000, 1000))
        self.assertEqual(fd.normalize_box((377, 500, 800, 1001), 754, 1000), (500, 500, 1000, 1000))


@unittest.skipUnless(os.path.isdir(FUNSD) and (HAVE_MINILM or HAVE_BERT), "FUNSD or vocabulary missing")
class DataTest(unittest.TestCase):
    def test_form_and_windows(self):
        t = tokenizer()
        name = sorted(os.listdir(os.path.join(FUNSD, "annotations")))[0]
        for mode in ("word", "line", "segment"):
            for order in ("json", "geometric"):
                f = fd.load_form(os.path.join(FUNSD, "annotations", name), os.path.join(FUNSD, "images"), t,
                                 box_mode=mode, order=order)
                self.assertTrue(f.words and f.entities)
                for w in f.words:
                    self.assertTrue(all(0 <= v <= 1000 for v in w["model_box"]))
                    self.assertLessEqual(w["model_box"][0], w["model_box"][2])
                wins = fd.make_windows(f, t, max_len=64, overlap=16)
                covered = set()
                for w in wins:
                    self.assertLessEqual(len(w), 64)
                    self.assertEqual(w.input_ids[0], t.cls_id)
                    self.assertEqual(w.input_ids[-1], t.sep_id)
                    covered.update(range(w.ws, w.we))
                    labelled = [i for i, l in enumerate(w.labels) if l != -100]
                    self.assertEqual(labelled, w.first_tok)
                self.assertEqual(covered, set(range(len(f.words))))
                for w in wins:  # case types: 0 on [CLS]/[SEP], each word's case_type on all its pieces
                    self.assertEqual(len(w.types), len(w))
                    self.assertEqual((w.types[0], w.types[-1]), (0, 0))
                    for k, (s, e) in enumerate(w.word_tokens):
                        self.assertEqual(set(w.types[s:e]), {fd.case_type(f.words[w.ws + k]["text"])})

    def test_case_type(self):
        got = [fd.case_type(x) for x in ("INVOICE", "TO:", "R&D", "ÄRZTE", "No.", "A", "Date", "1234", "Mc", "x-RAY")]
        self.assertEqual(got, [1, 1, 1, 1, 0, 0, 0, 0, 0, 0])   # as PageEncoderTest in Java


class OcrFormsTest(unittest.TestCase):
    """training/ocr_forms.py on a page of our own: run-time word order, labels projected by overlap, links kept."""

    def test_projection(self):
        import json
        import ocr_forms
        ann = {"form": [
            {"id": 0, "label": "question", "words": [{"text": "Date:", "box": [10, 10, 50, 22]}], "linking": [[0, 1]]},
            {"id": 1, "label": "answer", "words": [{"text": "10/", "box": [60, 10, 80, 22]},
                                                   {"text": "13/", "box": [82, 10, 100, 22]},
                                                   {"text": "99", "box": [102, 10, 120, 22]}], "linking": [[0, 1]]},
            {"id": 2, "label": "header", "words": [{"text": "FORM", "box": [10, 40, 60, 55]}], "linking": []}]}
        page = {"width": 200, "height": 100, "readingOrder": ["l2", "l1"],
                "words": [{"id": "w1", "text": "Date:", "box": [9, 9, 51, 23]},
                          {"id": "w2", "text": "10/13/99", "box": [59, 9, 121, 23]},
                          {"id": "w3", "text": "FORM", "box": [10, 40, 60, 55]},
                          {"id": "w4", "text": "|", "box": [150, 80, 152, 95]}],
                "lines": [{"id": "l1", "wordIds": ["w1", "w2"]}, {"id": "l2", "wordIds": ["w3"]}]}
        with tempfile.TemporaryDirectory() as d:
            os.makedirs(os.path.join(d, "annotations"))
            with open(os.path.join(d, "annotations", "f.json"), "w") as f:
                json.dump(ann, f)
            os.makedirs(os.path.join(d, "dump"))
            with open(os.path.join(d, "dump", "f.png.json"), "w") as f:
                json.dump({"pages": [page]}, f)
            forms = ocr_forms.load_ocr_forms(os.path.join(d, "dump"), d, ["f", "missing"], tokenizer())
            geo = ocr_forms.load_ocr_forms(os.path.join(d, "dump"), d, ["f"], tokenizer(), order="geometric")[0]
            import qa_data
            qa = qa_data.funsd_ocr_examples(os.path.join(d, "dump"), d, tokenizer(), set())
        self.assertEqual(len(forms), 1)
        f = forms[0]
        # lines in reading order (l2 first), then the word no line holds
        self.assertEqual([w["text"] for w in f.words], ["FORM", "Date:", "10/13/99", "|"])
        self.assertEqual([w["label"] for w in f.words], ["B-HEADER", "B-QUESTION", "B-ANSWER", "O"])
        self.assertEqual(f.links, {(0, 1)})
        self.assertEqual(f.words[2]["pbox"], (59, 9, 121, 23))
        # the QA model's order: lines top to bottom, words left to right
        self.assertEqual([w["text"] for w in geo.words], ["Date:", "10/13/99", "FORM", "|"])
        self.assertEqual([w["label"] for w in geo.words], ["B-QUESTION", "B-ANSWER", "B-HEADER", "O"])
        # one QA example per link: the annotated question text, the OCR words of the answer as the span
        self.assertEqual(len(qa), 1)
        self.assertEqual((qa[0].question, qa[0].answers, qa[0].span), ("Date:", ["10/13/99"], (1, 1)))
        self.assertEqual(qa[0].words, ["Date:", "10/13/99", "FORM", "|"])


class FastCpuTest(unittest.TestCase):
    """The fast-training switches (cpu_threads.py): no attention dropout, bfloat16 autocast."""

    def test_no_attention_dropout_keeps_the_weights(self):
        base = encoder_config("minilm", 2, "bucket:128", link_dim=16)
        fast = dict(base, attention_dropout=0.0)
        a, b = LayoutTagger(base), LayoutTagger(fast)
        self.assertEqual(list(a.state_dict()), list(b.state_dict()))  # checkpoints and ONNX export unchanged
        b.load_state_dict(a.state_dict())
        ids = torch.randint(1000, 2000, (2, 40))
        mask = torch.ones_like(ids)
        bbox = torch.randint(0, 500, (2, 40, 4)).cumsum(-1).clamp(max=1000)
        b.train()
        for mod in b.modules():  # with every dropout off, train mode equals eval mode: the attention has no mask left
            if isinstance(mod, torch.nn.Dropout):
                mod.p = 0.0
        a.eval()
        self.assertLess(float((b(ids, mask, bbox)[0] - a(ids, mask, bbox)[0]).abs().max()), 1e-5)

    def test_bf16_autocast_stays_close_to_fp32(self):
        import cpu_threads
        self.assertFalse(cpu_threads.use_bf16("off"))
        self.assertTrue(cpu_threads.use_bf16("on"))
        torch.manual_seed(0)
        m = LayoutTagger(encoder_config("minilm", 2, "bucket:128", link_dim=16)).eval()
        ids = torch.randint(1000, 2000, (2, 64))
        mask = torch.ones_like(ids)
        bbox = torch.randint(0, 500, (2, 64, 4)).cumsum(-1).clamp(max=1000)
        with torch.no_grad():
            ref = m(ids, mask, bbox)[0]
            with torch.autocast("cpu", dtype=torch.bfloat16):
                low = m(ids, mask, bbox)[0].float()
        self.assertLess(float((low - ref).abs().max()), 0.1 * float(ref.abs().max()) + 0.05)
        self.assertGreater(float((low.argmax(-1) == ref.argmax(-1)).float().mean()), 0.9)


class ExportTest(unittest.TestCase):
    def test_export_matches_torch(self):
        from export import check_onnx, export_onnx, io_contract
        for coords in ("table", "bucket:128", "fourier:8"):
            cfg = encoder_config("minilm", 1, coords, link_dim=16)
            torch.manual_seed(0)
            m = LayoutTagger(cfg)
            with torch.no_grad():  # non-zero layout weights so that the check covers them
                for p in m.embeddings.layout.parameters():
                    p.normal_(0, 0.02)
            m.eval()
            with tempfile.TemporaryDirectory() as d:
                path = os.path.join(d, "m.onnx")
                export_onnx(m, path)
                self.assertLess(check_onnx(m, path), 1e-4, coords)
                io = io_contract(path)
                self.assertEqual([i["name"] for i in io["inputs"]], ["input_ids", "attention_mask", "bbox"])
                self.assertEqual([o["shape"] for o in io["outputs"]],
                                 [["batch", "sequence", 7], ["batch", "sequence", 16], ["batch", "sequence", 16]])

    def test_export_with_case_types(self):
        from export import check_onnx, export_onnx, io_contract
        cfg = dict(encoder_config("minilm", 1, "bucket:128", link_dim=16), case_types=True)
        torch.manual_seed(0)
        m = LayoutTagger(cfg)
        m.eval()
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "m.onnx")
            export_onnx(m, path)
            self.assertLess(check_onnx(m, path), 1e-4)
            io = io_contract(path)
            self.assertEqual([i["name"] for i in io["inputs"]], ["input_ids", "attention_mask", "bbox", "token_type_ids"])


    def test_int8_compression_round_trip(self):
        """compress_embeddings.py (word table per row, --matmul-int8: weight matrices per output column) keeps the
        graph's outputs equal to the PyTorch model with the same de-quantised weights, and onnx_state_dict reads
        the compressed file back to those weights (what --init-onnx and calibrate_qa.py --int8-weights rely on)."""
        import subprocess
        import onnx
        import onnx_ref
        from export import export_onnx
        cfg = encoder_config("minilm", 2, "bucket:128", link_dim=16)
        torch.manual_seed(1)
        m = LayoutTagger(cfg)
        m.eval()
        with tempfile.TemporaryDirectory() as d:
            path, small = os.path.join(d, "m.onnx"), os.path.join(d, "q.onnx")
            export_onnx(m, path)
            script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "compress_embeddings.py")
            subprocess.run([sys.executable, script, path, "--out", small, "--matmul-int8"], check=True,
                           capture_output=True, env=dict(os.environ, READOUT_NO_TCMALLOC="1"))
            self.assertLess(os.path.getsize(small), os.path.getsize(path) * 0.4)
            sd = pretrained.onnx_state_dict(small)
            with torch.no_grad():  # the same quantisation in PyTorch
                w = m.embeddings.word_embeddings.weight
                sc = w.abs().amax(dim=1, keepdim=True).clamp_min(1e-12) / 127.0
                w.copy_(torch.round(w / sc).clamp(-127, 127) * sc)
                for mod in m.modules():
                    if isinstance(mod, torch.nn.Linear):
                        sc = mod.weight.abs().amax(dim=1, keepdim=True).clamp_min(1e-12) / 127.0
                        mod.weight.copy_(torch.round(mod.weight / sc).clamp(-127, 127) * sc)
            ref = m.state_dict()
            linear = [k for k in ref if k.endswith(".weight") and ref[k].dim() == 2 and "embeddings" not in k]
            self.assertTrue(linear)
            for k in linear + ["embeddings.word_embeddings.weight"]:
                self.assertLess(float((torch.from_numpy(np.asarray(sd[k])) - ref[k]).abs().max()), 1e-5, k)
            ids = torch.randint(1000, 2000, (1, 20))
            bbox = torch.randint(0, 1000, (1, 20, 4))
            mask = torch.ones(1, 20, dtype=torch.long)
            got = onnx_ref.run(onnx.load(small), {"input_ids": ids.numpy(), "attention_mask": mask.numpy(),
                                                  "bbox": bbox.numpy()})
            with torch.no_grad():
                want = m(ids, mask, bbox)
            first = next(iter(got.values()))
            self.assertLess(float(np.abs(first - want[0].numpy()).max()), 1e-3)

    def test_dynamic_int8_rewrite(self):
        """compress_embeddings.py --dynamic-int8: every weight MatMul but those named in --keep-float becomes
        DynamicQuantizeLinear -> MatMulInteger; onnx_ref.py runs the result close to the float graph; compressing
        an already compressed file again changes nothing."""
        import subprocess
        import onnx
        import onnx_ref
        from export import export_onnx
        cfg = encoder_config("minilm", 2, "bucket:128", link_dim=16)
        torch.manual_seed(2)
        m = LayoutTagger(cfg)
        m.eval()
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "compress_embeddings.py")
        env = dict(os.environ, READOUT_NO_TCMALLOC="1")
        with tempfile.TemporaryDirectory() as d:
            path, q, q2, dyn = (os.path.join(d, n) for n in ("m.onnx", "q.onnx", "q2.onnx", "d.onnx"))
            export_onnx(m, path)
            subprocess.run([sys.executable, script, path, "--out", q, "--matmul-int8"], check=True, capture_output=True, env=env)
            subprocess.run([sys.executable, script, q, "--out", q2, "--matmul-int8"], check=True, capture_output=True, env=env)
            self.assertEqual(open(q, "rb").read(), open(q2, "rb").read())
            subprocess.run([sys.executable, script, q, "--out", dyn, "--dynamic-int8", "--keep-float", r"layer\.\d+/output/dense/"],
                           check=True, capture_output=True, env=env)
            g = onnx.load(dyn).graph
            ops = [n.op_type for n in g.node]
            kept = [n.name for n in g.node if n.op_type == "MatMul" and "/output/dense/" in n.name]
            self.assertEqual(ops.count("MatMulInteger"), ops.count("DynamicQuantizeLinear"))
            self.assertGreater(ops.count("MatMulInteger"), 0)
            self.assertEqual(len(kept), 2)  # the feed-forward output of each layer stays float, not the attention's
            feeds = {"input_ids": np.random.RandomState(0).randint(1000, 2000, (1, 24)),
                     "attention_mask": np.ones((1, 24), dtype=np.int64),
                     "bbox": np.random.RandomState(1).randint(0, 1000, (1, 24, 4))}
            want = next(iter(onnx_ref.run(onnx.load(q), feeds).values()))
            got = next(iter(onnx_ref.run(onnx.load(dyn), feeds).values()))
            self.assertEqual(got.shape, want.shape)
            self.assertLess(float(np.abs(got - want).max()), 0.1 * float(np.abs(want).max()) + 1e-3)


@unittest.skipUnless(HAVE_MINILM, "MiniLM artefact missing")
class MiniLMWeightsTest(unittest.TestCase):
    def test_matches_source_onnx(self):
        import onnx_ref
        onnx_path, _ = pretrained.minilm_files()
        ids = np.array([[101, 2171, 1013, 3042, 102]], dtype=np.int64)
        ref = onnx_ref.run(onnx_path, dict(input_ids=ids, attention_mask=np.ones_like(ids),
                                           token_type_ids=np.zeros_like(ids)))["last_hidden_state"]
        m = LayoutTagger(encoder_config("minilm", 6, "table"))
        pretrained.load_pretrained(m, "minilm", 6)
        m.eval()
        with torch.no_grad():
            h = m.encoder(m.embeddings(torch.tensor(ids), torch.zeros(1, 5, 4, dtype=torch.long)),
                          torch.zeros(1, 1, 1, 5))
        self.assertLess(float(np.abs(h.numpy() - ref).max()), 1e-4)


@unittest.skipUnless(HAVE_BERT, "BERT artefact missing")
class BertWeightsTest(unittest.TestCase):
    def test_mlm_predicts_paris(self):
        from tf_checkpoint import load_checkpoint
        from wordpiece import WordPiece
        prefix, vocab = pretrained.bert_files()
        t = WordPiece(vocab)
        m = LayoutTagger(encoder_config("bert-base", 12, "table"))
        pretrained.load_pretrained(m, "bert-base", 12)
        m.eval()
        ids = [t.cls_id] + [i for w in "the capital of france is".split() for i in t.encode_word(w)] \
            + [t.vocab["[MASK]"], t.vocab["."], t.sep_id]
        with torch.no_grad():
            h = m.encoder(m.embeddings(torch.tensor([ids]), torch.zeros(1, len(ids), 4, dtype=torch.long)),
                          torch.zeros(1, 1, 1, len(ids)))[0, len(ids) - 3]
        c = {k.split("/cls/predictions/")[1]: torch.tensor(v)
             for k, v in load_checkpoint(prefix, lambda n: n.startswith("module/cls/")).items()}
        z = torch.nn.functional.gelu(h @ c["transform/dense/kernel"] + c["transform/dense/bias"])
        z = torch.nn.functional.layer_norm(z, (768,), c["transform/LayerNorm/gamma"], c["transform/LayerNorm/beta"], 1e-12)
        logits = z @ m.embeddings.word_embeddings.weight.T + c["output_bias"]
        self.assertEqual(int(logits.argmax()), t.vocab["paris"])



class OrderJoinTest(unittest.TestCase):
    def test_row_groups_as_java(self):
        # the case of NeuralReadingOrderTest.rowGroupsJoinThePiecesOfOnePrintedLineOnly, pages in training format
        from order_model import joined_page, row_groups
        boxes = [[100, 100, 300, 140], [360, 102, 500, 141], [560, 100, 800, 140], [100, 160, 800, 200],
                 [400, 165, 600, 205], [900, 100, 1500, 140], [1560, 100, 1700, 140]]
        page = {"lines": [{"text": "w%d" % i, "box": b} for i, b in enumerate(boxes)], "xycut": list(range(7)),
                "xycut_block": [0, 0, 0, 0, 0, 1, 1], "width": 2000, "height": 3000}
        self.assertEqual(row_groups(page), [[0, 1, 2], [3], [4], [5, 6]])
        jp, groups = joined_page(page)
        self.assertEqual(jp["lines"][0], {"text": "w0 w1 w2", "box": [100, 100, 800, 141]})
        self.assertEqual(jp["xycut_block"], [0, 0, 0, 1])
        two = {"lines": [{"box": [100, 100, 300, 140]}, {"box": [310, 125, 500, 165]}], "xycut": [0, 1],
               "xycut_block": [0, 0]}
        self.assertEqual(row_groups(two), [[0], [1]])


class DecodingTest(unittest.TestCase):
    """The same cases as the Java BioTest / LinkGeometryTest: the two implementations must agree."""

    def test_segment_vote(self):
        import numpy as np
        logits = np.array([[0, 0, 0, 4, 0, 0, 0], [0, 0, 0, 0, 1, 2, 0], [0, 0, 0, 0, 3, 0, 0],
                           [0, 0, 0, 0, 0, 4, 0], [0, 0, 0, 0, 0, 0, 4], [5, 0, 0, 0, 0, 0, 0]], dtype=np.float32)
        boxes = [(1, 1, 2, 2)] * 3 + [(3, 1, 4, 2)] * 2 + [(5, 1, 6, 2)]
        px = [(0, 0, 10, 10), (12, 0, 20, 10), (22, 0, 30, 10), (200, 0, 210, 10), (212, 0, 220, 10), (400, 0, 410, 10)]
        vit = metrics.decode(logits, "viterbi")
        self.assertEqual(metrics.segment_vote(logits, vit, boxes, px),
                         ["B-QUESTION", "I-QUESTION", "I-QUESTION", "B-ANSWER", "I-ANSWER", "O"])
        two = np.array([[0, 0, 0, 5, 0, 0, 0], [0, 0, 0, 0, 5, 0, 0]], dtype=np.float32)
        b2 = [(1, 1, 2, 2), (3, 1, 4, 2)]
        v2 = metrics.decode(two, "viterbi")
        self.assertEqual(metrics.segment_vote(two, v2, b2, [(100, 100, 300, 120), (102, 125, 250, 145)]),
                         ["B-QUESTION", "I-QUESTION"])
        self.assertEqual(metrics.segment_vote(two, v2, b2, [(100, 100, 300, 120), (100, 180, 250, 200)]),
                         ["B-QUESTION", "B-QUESTION"])

    def test_segment_vote_with_a_continuation(self):
        """As the Java ContinuationTest: a one-tree forest continuing exactly the runs that start lower-case."""
        import continuation_forest as cf
        import forest
        f = cf.FEATURES.index("b_lower")
        model = {"trees": [{"feature": [f, -1, -1], "threshold": [0.5, -2, -2], "left": [1, -1, -1],
                            "right": [2, -1, -1], "p": [0.5, 0.0, 1.0]}]}
        cont = cf.continuation(model)
        logits = np.zeros((3, 7), dtype=np.float32)
        logits[:, 5] = 5.0
        seg = [(0, 0, 10, 10), (0, 20, 10, 30), (0, 40, 10, 50)]
        px = [(100, 100, 300, 120), (100, 124, 300, 144), (100, 148, 300, 168)]
        texts = ["Research and", "development", "Tobacco Institute"]
        vit = metrics.decode(logits, "viterbi")
        self.assertEqual(metrics.segment_vote(logits, vit, seg, px), ["B-ANSWER"] * 3)
        self.assertEqual(metrics.segment_vote(logits, vit, seg, px, cont, texts), ["B-ANSWER", "I-ANSWER", "B-ANSWER"])
        self.assertEqual(forest.probabilities(model, [cf.features((px[0], 20, "a"), (px[1], 20, "b"), "ANSWER")])[0], 1.0)
        self.assertEqual(len(cf.features((px[0], 20, "a"), (px[1], 20, "B"), "HEADER")), len(cf.FEATURES))

    def test_run_typer(self):
        """As the Java RunTyperTest: features of a key and its value on a row under a heading; a typer saying QUESTION
        for a run ending in a colon."""
        import run_typer as rt
        import continuation_forest as cf
        q, a, h = [0, 0, 1, 0], [0, 0, 0, 1], [0, 1, 0, 0]
        rs = [dict(box=(100, 20, 400, 50), h=30, text="FORM", seg=(100, 20, 400, 50), m=h, f=h),
              dict(box=(100, 100, 170, 120), h=20, text="Name:", seg=(100, 100, 170, 120), m=q, f=q),
              dict(box=(220, 100, 380, 120), h=20, text="John Smith", seg=(220, 100, 380, 120), m=a, f=a)]
        unit = rt.unit_of(rs)
        self.assertEqual(unit, 20)
        f = dict(zip(rt.FEATURES, rt.features(rs, 2, unit)))
        self.assertEqual(len(rt.features(rs, 2, unit)), len(rt.FEATURES))
        self.assertEqual((f["left_question"], f["left_far"], f["left_colon"], f["right_far"]), (1, 2.5, 1, -1))
        self.assertEqual((f["above_header"], f["above_far"], f["before_question"], f["after_o"]), (1, 2.5, 1, 0))
        n = len(rt.FEATURES)
        w = np.zeros((4, n))
        for k in range(4):
            w[k, k] = 10
        w[2, rt.FEATURES.index("colon")] = 20
        model = {"mean": [0.0] * n, "scale": [1.0] * n, "weights": w.tolist(), "bias": [0.0] * 4}
        logits = np.zeros((3, 7))
        logits[:, 5] = 3.0
        words = [dict(text="Name:", pbox=(100, 100, 170, 120), model_box=(10, 10, 60, 20)),
                 dict(text="John", pbox=(220, 100, 280, 120), model_box=(80, 10, 200, 20)),
                 dict(text="Smith", pbox=(290, 100, 380, 120), model_box=(80, 10, 200, 20))]
        runs, X = rt.page_features(words, logits)
        never = cf.continuation({"trees": [{"feature": [-1], "threshold": [-2], "left": [-1], "right": [-1],
                                            "p": [0.0]}]})
        self.assertEqual(rt.decode(words, runs, rt.probabilities(model, X).argmax(1), never),
                         ["B-QUESTION", "B-ANSWER", "I-ANSWER"])
        self.assertEqual(rt.decode(words, runs, [int(np.argmax(r["m"])) for r in runs], never),
                         ["B-ANSWER", "B-ANSWER", "I-ANSWER"])

    def test_link_prior(self):
        import math
        import link_geometry as lg
        key = lg.extent([(100, 100, 200, 120)])
        self.assertEqual(lg.prior(key, lg.extent([(200, 102, 300, 122)])), 1.0)
        self.assertAlmostEqual(lg.prior(key, lg.extent([(400, 100, 500, 120)])), math.exp(-1.0))
        self.assertAlmostEqual(lg.prior(key, lg.extent([(150, 130, 260, 150)])), 0.5 * math.exp(-10.0 / 80))
        self.assertEqual(lg.prior(key, lg.extent([(300, 130, 400, 150)])), 0.0)


class CalibrateThresholdTest(unittest.TestCase):
    def test_least_threshold_refusing_the_share(self):
        import calibrate_threshold as ct
        other = [-5.0, -1.0, 0.5, 2.0, 4.0, 1.0, -3.0, 0.0, -2.0, 3.5]  # 10 unrelated asks
        own = [(6.0, 1.0), (2.5, 0.5), (1.2, 1.0), (-1.0, 0.0)]
        t = ct.choose(other, 0.8)  # 8 of 10 refused: above the 8th smallest margin (2.0), below the 9th (3.5)
        self.assertEqual(t, 2.01)
        kept, refused = ct.point(own, other, t)
        self.assertAlmostEqual(refused, 0.8)
        self.assertAlmostEqual(kept, (1.0 + 0.5) / 4)
        self.assertEqual(ct.choose(other, 0.85), 3.51)  # 9 of 10
        self.assertAlmostEqual(ct.point(own, other, ct.choose(other, 0.85))[1], 0.9)

    def test_rows_without_unrelated_asks_are_refused(self):
        import calibrate_threshold as ct
        with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as f:
            f.write("question_id\tpage\tkind\tmargin\tanls\tanswer\n1\t0\town\t3.5\t1.0000\tKaren Wood\n")
        with self.assertRaises(SystemExit):
            ct.read(f.name)
        os.unlink(f.name)


class PretrainTest(unittest.TestCase):
    def test_split_line_by_characters(self):
        import pretrain_layout as pl
        ws = pl.split_line("ab  cdef", (100, 10, 170, 30))  # 7 characters: "ab cdef"
        self.assertEqual([w for w, _ in ws], ["ab", "cdef"])
        self.assertEqual(ws[0][1], (100, 10, 120, 30))
        self.assertEqual(ws[1][1], (130, 10, 170, 30))
        self.assertEqual(pl.split_line("   ", (0, 0, 9, 9)), [])

    def test_image_size_by_content(self):
        import struct
        import pretrain_layout as pl
        with tempfile.TemporaryDirectory() as d:
            png = os.path.join(d, "a.jpg")  # a PNG named .jpg, as HRDoc's pages are
            with open(png, "wb") as f:
                f.write(b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", 596, 842))
            self.assertEqual(pl.image_size(png), (596, 842))
            jpg = os.path.join(d, "b.jpg")  # SOI, an APP0 segment, SOF0 with height 1013, width 463
            with open(jpg, "wb") as f:
                f.write(b"\xff\xd8" + b"\xff\xe0" + struct.pack(">H", 4) + b"xx"
                        + b"\xff\xc0" + struct.pack(">HBHH", 11, 8, 1013, 463) + b"\x03")
            self.assertEqual(pl.image_size(jpg), (463, 1013))
            bad = os.path.join(d, "c.jpg")
            with open(bad, "wb") as f:
                f.write(b"GIF89a")
            with self.assertRaises(ValueError):
                pl.image_size(bad)

    def test_masking_spares_special_tokens(self):
        import pretrain_layout as pl

        class Tok:
            cls_id, sep_id, vocab = 101, 102, {"[MASK]": 103}
        ids = torch.randint(2000, 30000, (16, 256))
        ids[:, 0], ids[:, -1] = 101, 102
        mask = torch.ones_like(ids)
        mask[:, 200:] = 0
        inp, pick = pl.mask_batch(ids, mask, Tok, 0.15, torch.Generator().manual_seed(1), 30522)
        self.assertFalse(bool(pick[:, 0].any() or pick[:, -1].any() or pick[:, 200:].any()))
        rate = float(pick[:, 1:200].float().mean())
        self.assertTrue(0.13 < rate < 0.17, rate)
        masked = float((inp[pick] == 103).float().mean())
        self.assertTrue(0.75 < masked < 0.85, masked)
        self.assertTrue(bool((inp[~pick] == ids[~pick]).all()))


if __name__ == "__main__":
    torch.set_num_threads(2)
    unittest.main(verbosity=2)
