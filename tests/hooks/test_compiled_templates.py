"""Theme templates are compiled once per build, and a changed template is compiled again."""
import jinja2

from nmt.theme.compiled_templates import InMemory


class Counting(jinja2.Environment):
    compiled = 0

    def compile(self, *args, **kwargs):
        Counting.compiled += 1
        return super().compile(*args, **kwargs)


def render(folder, cache) -> str:
    # MkDocs makes a new environment for every language pass.
    environment = Counting(loader=jinja2.FileSystemLoader(folder), bytecode_cache=cache)
    return environment.get_template("page.html").render(title="Betänketid")


def test_the_next_pass_reuses_the_compiled_template_and_a_change_compiles_again(tmp_path):
    template = tmp_path / "page.html"
    template.write_text("<h1>{{ title }}</h1>", "utf-8")
    cache, Counting.compiled = InMemory(), 0
    assert render(tmp_path, cache) == "<h1>Betänketid</h1>"
    assert render(tmp_path, cache) == "<h1>Betänketid</h1>"
    assert Counting.compiled == 1
    template.write_text("<h2>{{ title }}</h2>", "utf-8")
    assert render(tmp_path, cache) == "<h2>Betänketid</h2>"
    assert Counting.compiled == 2
