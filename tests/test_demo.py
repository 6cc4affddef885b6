from annotator.demo import demo_texts, ensure_demo_project
from annotator.store import Project


def test_demo_project_is_created_once_from_bundled_texts(tmp_path):
    path = ensure_demo_project(tmp_path)
    texts = demo_texts()
    assert len(texts) == 4
    with Project.open(path) as p:
        docs = p.documents()
        assert [d.title for d in docs] == [title for title, _ in texts]
        assert p.document(docs[0].id).text == texts[0][1]
        assert any("\u064e" in p.document(d.id).text for d in docs)  # diacritised Wikinews
        assert p.setting("default_coder") == "demo"
    assert ensure_demo_project(tmp_path) == path
    assert sorted(x.name for x in tmp_path.iterdir() if x.suffix == ".annot") == ["demo.annot"]
