#!/usr/bin/env python3
"""Checks that the repository's documentation references resolve.

usage: check_links.py ROOT [--others]
       check_links.py --self-test

For the git-tracked files under ROOT (`git ls-files`; a directory that is
not a git work tree is walked instead; build directories are skipped):

  1. every *.md file: each relative markdown link `[text](path)`,
     `[text](path#anchor)`, `![alt](path)` and reference definition
     `[name]: path` names an existing file or directory relative to the
     markdown file (a leading `/` means the repository root), inside the
     repository and not git-ignored; an anchor into a markdown file, or a
     pure `#anchor`, names a heading there (GitHub's slugs: lower case,
     punctuation dropped, spaces to hyphens, `-1`, `-2` for repeats) or an
     HTML `id` / `name`. http(s), mailto and other URL schemes are skipped,
     as are fenced code blocks and inline code spans;
  2. every source file (*.c *.h *.cc *.v *.vh *.py *.sh *.cmake,
     CMakeLists.txt): each path `docs/<name>.md` it mentions exists relative
     to ROOT;
  3. no tracked file names the documents or folders that live outside the
     repository (the names are in FORBIDDEN below).

Prints `file:line: problem` for every broken reference and exits 1, or
prints "checked N links in M files" and exits 0. --others also checks
untracked files that git does not ignore (before a commit). --self-test
builds a small tree with known breakage in a temporary directory and
checks that exactly that breakage is reported.

Python 3 standard library only.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

# Spelled in pieces so that this file does not contain them itself.
FORBIDDEN = ("NUMER" + "ICS.md", ".." + "/shared")

SOURCE_SUFFIXES = (".c", ".h", ".cc", ".v", ".vh", ".py", ".sh", ".cmake")
SOURCE_NAMES = ("CMakeLists.txt",)
BUILD_DIR_NAMES = ("build",)

FENCE_RE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
ATX_RE = re.compile(r"^\s{0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
SETEXT_RE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
HTML_ID_RE = re.compile(r"""<a\s[^>]*\b(?:id|name)\s*=\s*["']([^"']+)["']""", re.I)
CODE_SPAN_RE = re.compile(r"(`+)(?:.+?)\1")
INLINE_LINK_RE = re.compile(
    r"!?\[(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*\]"      # [text], one level of nested brackets
    r"\(\s*(<[^>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)"  # (target
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")    #  "title")
REF_DEF_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)")
SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
DOCS_PATH_RE = re.compile(r"(?<![A-Za-z0-9_./-])docs/[A-Za-z0-9_./-]+\.md")


def git_files(root, others):
    """Tracked files (plus untracked, not ignored ones with others), or None
    when root is not a git work tree."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    args = ["git", "-C", root, "ls-files", "-z", "--cached"]
    if others:
        args += ["--others", "--exclude-standard"]
    try:
        out = subprocess.run(args, capture_output=True, env=env, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return sorted({p for p in out.decode("utf-8", "surrogateescape").split("\0") if p})


def walk_files(root):
    files = []
    for d, dirs, names in os.walk(root):
        dirs[:] = sorted(x for x in dirs if x != ".git" and x not in BUILD_DIR_NAMES)
        for n in names:
            files.append(os.path.relpath(os.path.join(d, n), root).replace(os.sep, "/"))
    return sorted(files)


def in_build_dir(path):
    return any(part in BUILD_DIR_NAMES for part in path.split("/")[:-1])


def github_slug(text):
    """The anchor GitHub gives a heading with this text (before de-duplication)."""
    t = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links and images: their text
    t = re.sub(r"<[^>]+>", "", t)                        # inline HTML tags
    t = t.strip().lower()
    t = re.sub(r"[^\w\- ]", "", t)                       # punctuation, `, *, ...
    return t.replace(" ", "-")


class MarkdownFile:
    """Headings (as anchors) and links of one markdown file, code excluded."""

    def __init__(self, text):
        self.anchors = set()
        self.links = []  # (line number, target)
        counts = {}
        fence = None
        prev = None  # previous line when it could be a setext heading's text
        for no, line in enumerate(text.splitlines(), 1):
            m = FENCE_RE.match(line)
            if fence:
                if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                    fence = None
                continue
            if m:
                fence = m.group(1)
                prev = None
                continue
            heading = None
            a = ATX_RE.match(line)
            if a:
                heading = a.group(2)
            elif prev is not None and SETEXT_RE.match(line):
                heading = prev
            if heading is not None:
                slug = github_slug(heading)
                n = counts.get(slug, 0)
                counts[slug] = n + 1
                self.anchors.add(slug if n == 0 else f"{slug}-{n}")
            for h in HTML_ID_RE.findall(line):
                self.anchors.add(h)
            bare = CODE_SPAN_RE.sub("", line)
            for t in INLINE_LINK_RE.findall(bare):
                self.links.append((no, t))
            r = REF_DEF_RE.match(bare)
            if r:
                self.links.append((no, r.group(1)))
            stripped = line.strip()
            plain = (stripped and not a and not line.startswith(("    ", "\t"))
                     and not re.match(r"^([-*+]|\d+[.)])\s|^[>|]", stripped))
            prev = line if plain and heading is None else None


class Checker:
    def __init__(self, root, others=False):
        self.root = os.path.abspath(root)
        listed = git_files(self.root, others)
        self.files = listed if listed is not None else walk_files(self.root)
        self.files = [f for f in self.files
                      if not in_build_dir(f) and os.path.isfile(os.path.join(self.root, f))]
        # what may be linked to: the checked files, and untracked files git does not ignore
        known = git_files(self.root, True) if listed is not None else self.files
        self.known = set(known)
        self.known_dirs = {"/".join(f.split("/")[:i]) for f in self.known
                           for i in range(1, f.count("/") + 1)}
        self.problems = []
        self.links = 0
        self.scanned = 0
        self.md_cache = {}

    def problem(self, path, line, msg):
        self.problems.append(f"{path}:{line}: {msg}")

    def read(self, rel):
        with open(os.path.join(self.root, rel), "rb") as f:
            return f.read()

    def markdown(self, rel):
        if rel not in self.md_cache:
            self.md_cache[rel] = MarkdownFile(self.read(rel).decode("utf-8", "replace"))
        return self.md_cache[rel]

    def check_link(self, rel, no, target):
        if target.startswith("<") and target.endswith(">"):
            target = target[1:-1]
        if not target or SCHEME_RE.match(target) or target.startswith("//"):
            return  # http(s), mailto, ...: not checked
        self.links += 1
        path, _, anchor = target.partition("#")
        path = urllib.parse.unquote(path)
        if not path:
            dest = rel
        else:
            base = "" if path.startswith("/") else os.path.dirname(rel)
            dest = os.path.normpath(os.path.join(base, path.lstrip("/"))).replace(os.sep, "/")
            if dest == ".." or dest.startswith("../"):
                self.problem(rel, no, f"link target {target} is outside the repository")
                return
            full = os.path.join(self.root, dest)
            if not os.path.exists(full):
                self.problem(rel, no, f"link target {target} does not exist")
                return
            if dest != "." and dest not in self.known and dest not in self.known_dirs:
                self.problem(rel, no, f"link target {target} is not part of the repository"
                             " (git-ignored)")
                return
        if anchor and dest.endswith(".md") and os.path.isfile(os.path.join(self.root, dest)):
            if anchor not in self.markdown(dest).anchors:
                self.problem(rel, no, f"link target {target}: no heading #{anchor} in {dest}")

    def check_markdown(self, rel):
        for no, target in self.markdown(rel).links:
            self.check_link(rel, no, target)

    def check_source(self, rel, text):
        for no, line in enumerate(text.splitlines(), 1):
            for m in DOCS_PATH_RE.finditer(line):
                self.links += 1
                if not os.path.isfile(os.path.join(self.root, m.group(0))):
                    self.problem(rel, no, f"{m.group(0)} does not exist")

    def check_forbidden(self, rel, data):
        for word in FORBIDDEN:
            w = word.encode()
            at = data.find(w)
            while at >= 0:
                line = data.count(b"\n", 0, at) + 1
                self.problem(rel, line, f"mentions {word}, which is not in the repository")
                at = data.find(w, at + 1)

    def run(self):
        for rel in self.files:
            data = self.read(rel)
            name = rel.rsplit("/", 1)[-1]
            scanned = False
            if name.endswith(".md"):
                self.check_markdown(rel)
                scanned = True
            if name.endswith(SOURCE_SUFFIXES) or name in SOURCE_NAMES:
                self.check_source(rel, data.decode("utf-8", "replace"))
                scanned = True
            self.scanned += scanned
            self.check_forbidden(rel, data)
        return self.problems


def report(checker):
    problems = checker.run()
    for p in problems:
        print(p)
    if problems:
        return 1
    print(f"checked {checker.links} links in {checker.scanned} files")
    return 0


# ---- self-test -------------------------------------------------------------

def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def fixture(root, broken):
    """A small tree; with broken, one instance of every kind of breakage.
    Returns the problems the checker must report (file:line prefixes)."""
    docs = "docs"  # paths built at run time, so this file mentions none
    write(root, ".gitignore", "build/\nignored/\n")
    write(root, f"{docs}/real.md", "# Real doc\n\n## Steps: one, two\n\n<a id=\"custom\"></a>\n")
    write(root, "ignored/x.md", "# ignored\n")
    write(root, "build/junk.md", "[gone](nowhere.md)\n")  # build trees are skipped
    lines = [
        "# Top",                                            # 1
        "",                                                 # 2
        f"[ok]({docs}/real.md) and [anchor]({docs}/real.md#steps-one-two)",  # 3
        f"[id]({docs}/real.md#custom) [self](#top) [web](https://example.com/x.md)",  # 4
        f"`[code span](not-checked.md)` and [dir]({docs}/)",  # 5
        "```",                                              # 6
        "[in a fence](not-checked.md)",                     # 7
        "```",                                              # 8
        f"[ref]: {docs}/real.md",                           # 9
    ]
    expected = []
    if broken:
        lines += [
            "[missing](missing.md)",                        # 10
            f"[bad anchor]({docs}/real.md#no-such-heading)",  # 11
            "[own anchor](#nowhere)",                       # 12
            "[outside](../outside.md)",                     # 13
            "[ignored](ignored/x.md)",                      # 14
            "[ref2]: gone.md",                              # 15
        ]
        expected += ["README.md:10:", "README.md:11:", "README.md:12:", "README.md:13:",
                     "README.md:14:", "README.md:15:"]
    write(root, "README.md", "\n".join(lines) + "\n")
    src = [f"/* see {docs}/real.md */"]
    if broken:
        src.append(f"/* see {docs}/missing.md */")
        expected.append("src/a.c:2:")
    write(root, "src/a.c", "\n".join(src) + "\n")
    write(root, "src/CMakeLists.txt", f"# {docs}/real.md\n")
    if broken:
        write(root, "notes.txt", "one\n" + FORBIDDEN[0] + "\nthree " + FORBIDDEN[1] + "\n")
        expected += ["notes.txt:2:", "notes.txt:3:"]
    return sorted(expected)


def self_test():
    ok = True
    have_git = shutil.which("git") is not None
    for use_git in ([True, False] if have_git else [False]):
        for broken in (True, False):
            with tempfile.TemporaryDirectory() as root:
                expected = fixture(root, broken)
                if use_git:
                    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
                    subprocess.run(["git", "init", "-q", root], check=True, env=env)
                    subprocess.run(["git", "-C", root, "add", "-A"], check=True, env=env)
                elif broken:
                    # without git nothing is ignored: the link to ignored/ resolves
                    expected.remove("README.md:14:")
                c = Checker(root)
                got = c.run()
                prefixes = sorted(":".join(p.split(":")[:2]) + ":" for p in got)
                mode = f"{'git' if use_git else 'walk'}, {'broken' if broken else 'clean'}"
                if prefixes != expected:
                    ok = False
                    print(f"self-test ({mode}): expected {expected}, got:")
                    for p in got:
                        print("  " + p)
                else:
                    print(f"self-test ({mode}): {len(got)} problems reported, as expected")
    print("self-test " + ("passed" if ok else "FAILED"))
    return 0 if ok else 1


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    args = [a for a in argv[1:] if a != "--others"]
    if len(args) != 1 or args[0].startswith("-"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    return report(Checker(args[0], others="--others" in argv[1:]))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
