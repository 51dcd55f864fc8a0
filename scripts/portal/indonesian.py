"""Indonesian search: a lunr language plugin generated from the site's own words.

lunr has no Indonesian. At build time PySastrawi (a well-kept Indonesian
stemmer, Nazief-Adriani / ECS) stems every word of the Indonesian search index;
the roots it finds are shipped in ``assets/javascripts/lunr/min/lunr.id.min.js``
together with a compact affix stripper (same ECS order: particles, possessives,
derivational suffixes, then up to three prefixes with their recoding rules,
reduplication). The stripper accepts a candidate only if it is one of the
shipped roots, otherwise it leaves the word as it is. Material's search worker
loads the plugin for ``lang: ["id"]`` and runs the same function over the
pages (index) and over what the reader types (query), so "berkolaborasi",
"kolaborasi" and "mengkolaborasikan" meet at "kolaborasi".

Words PySastrawi does not know (names, loanwords such as "warganet") are
shipped as roots too, so a prefixed form of them ("diamplifikasi") still
meets the bare word. ``PORTAL_SEARCH_STEMMING=0`` turns all of this off (the
benchmark's "before").

Stemming every word is the costly part. ``make serve`` keeps what PySastrawi
said about each word in a :class:`RootMemo` (in memory, and on disk under
``.cache/serve/``, set aside when PySastrawi's version changes), so a rebuild
stems only words it has not seen; the plugin it writes is the same.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path

PLUGIN = Path("assets") / "javascripts" / "lunr" / "min" / "lunr.id.min.js"

# Small on purpose: function words only. Sastrawi's 800-word list also drops
# content words a reader searches for ("cara", "kerja", "baru", "besar").
STOP_WORDS = sorted(set("""
ada adalah agar akan akan antara apa apabila atas atau bagi bahwa banyak beberapa
begitu belum bila bisa boleh bukan dalam dan dapat dari daripada demi dengan di dia
hal hanya harus ia ialah ini itu jika juga kah kami kamu karena ke kepada ketika
kita lagi lah lain maka masih mereka meski namun nya oleh pada para pun saat saja
sang sangat sebagai sebuah secara sedang sehingga sejak selain seluruh semua
seorang seperti serta setiap sudah supaya tanpa telah tentang tersebut tetapi
tidak untuk waktu yaitu yakni yang
""".split()))

# The tokenizer Material configures for lunr (``separator`` in the index
# config): hyphens split words, so "berita-berita" reaches the stemmer as two
# "berita" tokens. Build-time stemming splits the same way.
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
TAG = re.compile(r"<[^>]+>")


def enabled() -> bool:
    return os.environ.get("PORTAL_SEARCH_STEMMING", "1") != "0"


@lru_cache(maxsize=1)
def _sastrawi():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    factory = StemmerFactory()
    return factory.create_stemmer(), frozenset(factory.get_words_from_file())


def words_of(docs: list[dict]) -> set[str]:
    words: set[str] = set()
    for doc in docs:
        text = TAG.sub(" ", f"{doc.get('title', '')} {doc.get('text', '')}").lower()
        words.update(WORD.findall(text))
    return words


def _verdict(word: str) -> tuple[str, bool, bool]:
    """PySastrawi on one word: (its root, the root is a dictionary word, the word itself is one)."""
    stemmer, dictionary = _sastrawi()
    root = stemmer.stem(word)
    return root, root in dictionary, word in dictionary


class RootMemo:
    """Each word's :func:`_verdict`, kept across ``make serve`` rebuilds (``path``: also on disk)."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path is not None else None
        self.version = metadata.version("PySastrawi")
        self.words: dict[str, tuple[str, bool, bool]] = {}
        self.stemmed = 0  # words stemmed by this process (the rest came from the memo)
        self._unsaved = False
        if self.path is not None:
            try:
                record = json.loads(self.path.read_text(encoding="utf-8"))
                if record.get("pysastrawi") == self.version:
                    self.words = {w: (r[0], bool(r[1]), bool(r[2])) for w, r in record["words"].items()}
            except (OSError, ValueError, KeyError, IndexError, TypeError):
                self.words = {}

    def verdict(self, word: str) -> tuple[str, bool, bool]:
        found = self.words.get(word)
        if found is None:
            found = self.words[word] = _verdict(word)
            self.stemmed += 1
            self._unsaved = True
        return found

    def save(self) -> None:
        if self.path is None or not self._unsaved:
            return
        record = {"pysastrawi": self.version, "words": {w: list(v) for w, v in sorted(self.words.items())}}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(record, out, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, self.path)  # another serve process reads the old file or the new one
        except OSError:
            self.path = None  # a read-only or full disk: keep the memo in memory only
        self._unsaved = False


def roots_of(words: set[str], memo: RootMemo | None = None) -> tuple[set[str], set[str]]:
    """(dictionary roots, unknown words): what the browser stemmer may return."""
    verdict = memo.verdict if memo is not None else _verdict
    roots, unknown = set(), set()
    for word in words:
        if len(word) < 3 or word in STOP_WORDS:
            continue
        root, root_known, word_known = verdict(word)
        if root_known:
            roots.add(root)
        elif root == word and not word_known:
            unknown.add(word)  # a name or loanword: its own root
    return roots, unknown - roots


def stem(word: str) -> str:
    """PySastrawi's root of one word (tests compare the browser stemmer with it)."""
    return _sastrawi()[0].stem(word)


# The browser side. ``R`` holds dictionary roots, ``U`` unknown words; both are
# filled in by ``plugin_source``. A word that is itself a root (or unknown and
# nothing else fits) is returned unchanged.
_JS = r"""/* Generated by scripts/portal/indonesian.py: lunr Indonesian plugin (roots from PySastrawi). */
(function(root, factory){factory(root.lunr)})(this, function(lunr){
if(!lunr)throw new Error("lunr is not present");
var R=new Set(__ROOTS__.split(" ")),U=new Set(__UNKNOWN__.split(" ")),S=new Set(__STOP__.split(" ")),C=new Map();
var V="aiueo";
function vow(c){return V.indexOf(c)>=0}
function pre(w){var o=[],r=w.slice(3),c=w.charAt(2),d=w.charAt(3),m;
 function p(x){if(x.length>=3)o.push(x)}
 if(/^(di|ke|se)/.test(w))p(w.slice(2));
 if(/^(ter|ber|per)/.test(w)){p(r);if(vow(d)){p("r"+r)}}
 if(/^(be|pe)l/.test(w))p(w.slice(3));
 if(/^(be|te|pe)/.test(w))p(w.slice(2));
 if(m=/^(me|pe)(.*)$/.exec(w)){var x=m[2];
  if(/^nge/.test(x))p(x.slice(3));
  if(/^ng[aiueo]/.test(x)){p(x.slice(2));p("k"+x.slice(2))}
  if(/^ng[ghkq]/.test(x))p(x.slice(2));
  if(/^ny[aiueo]/.test(x))p("s"+x.slice(2));
  if(/^m[bfvp]/.test(x))p(x.slice(1));
  if(/^m[aiueo]/.test(x)){p("m"+x.slice(1));p("p"+x.slice(1))}
  if(/^n[cdjszt]/.test(x))p(x.slice(1));
  if(/^n[aiueo]/.test(x)){p("n"+x.slice(1));p("t"+x.slice(1))}
  if(/^[lmnrwy]/.test(x))p(x);
  if(/^r/.test(x))p(x.slice(1));
 }
 return o}
function fix(w,n){if(R.has(w))return w;if(n>=3)return null;
 var c=pre(w),i,f;for(i=0;i<c.length;i++)if(R.has(c[i]))return c[i];
 for(i=0;i<c.length;i++)if(f=fix(c[i],n+1))return f;return null}
function unk(w,n){if(U.has(w))return w;if(n>=3)return null;
 var c=pre(w),i,f;for(i=0;i<c.length;i++)if(f=unk(c[i],n+1))return f;return null}
function suf(w){var o=[w],a=w.replace(/(lah|kah|tah|pun)$/,"");if(a!==w&&a.length>=3)o.unshift(a);
 var b=a.replace(/(ku|mu|nya)$/,"");if(b!==a&&b.length>=3)o.unshift(b);
 var d=[];["kan","an","i"].forEach(function(s){if(b.length-s.length>=3&&b.slice(-s.length)===s)d.push(b.slice(0,-s.length))});
 return d.concat(o.filter(function(x,i){return o.indexOf(x)===i}))}
function stem(w){if(w.length<4||R.has(w)||U.has(w)||S.has(w))return w;if(C.has(w))return C.get(w);
 var r=w,m=/^([^-]+)-([^-]+)$/.exec(w),s,i,f=null;
 if(m){var x=stem(m[1]),y=stem(m[2]);r=(x===y||m[1]===m[2])?x:w}
 else{s=suf(w);for(i=0;i<s.length&&!f;i++)f=fix(s[i],0);
  for(i=0;i<s.length&&!f;i++)f=unk(s[i],0);
  if(f)r=f}
 C.set(w,r);return r}
lunr.id=function(){this.pipeline.reset();this.pipeline.add(lunr.id.trimmer,lunr.id.stopWordFilter,lunr.id.stemmer);
 if(this.searchPipeline){this.searchPipeline.reset();this.searchPipeline.add(lunr.id.stopWordFilter,lunr.id.stemmer)}};
/* Material makes every query word a prefix query ("berkolaborasi*"), and lunr
   skips the pipeline for those: add the word's root as an exact clause too. */
var search0=lunr.Index.prototype.search;
lunr.Index.prototype.search=function(q){return this.query(function(query){
 new lunr.QueryParser(q,query).parse();
 query.clauses.slice().forEach(function(c){if(c.presence===lunr.Query.presence.PROHIBITED)return;
  var t=c.term.replace(/^\*+|\*+$/g,"").toLowerCase(),r;if(!t||t.indexOf("*")>=0||S.has(t))return;r=stem(t);
  if(r!==t)query.clauses.push({term:r,fields:c.fields,boost:c.boost,usePipeline:false,wildcard:lunr.Query.wildcard.NONE,presence:lunr.Query.presence.OPTIONAL})})})};
lunr.id.wordCharacters="A-Za-z\u00C0-\u024F0-9";
lunr.id.trimmer=function(t){return t.update(function(s){return s.replace(/^[^A-Za-z\u00C0-\u024F0-9]+|[^A-Za-z\u00C0-\u024F0-9]+$/g,"")})};
lunr.id.stopWordFilter=function(t){if(t&&!S.has(t.toString()))return t};
/* Index the root beside the word itself: prefix queries still find the word. */
lunr.id.stemmer=function(t){var s=t.toString(),r=stem(s);return r===s?t:[t,t.clone(function(){return r})]};
lunr.id.stem=stem;
lunr.Pipeline.registerFunction(lunr.id.trimmer,"trimmer-id");
lunr.Pipeline.registerFunction(lunr.id.stopWordFilter,"stopWordFilter-id");
lunr.Pipeline.registerFunction(lunr.id.stemmer,"stemmer-id");
});
"""


def plugin_source(docs: list[dict], memo: RootMemo | None = None) -> str:
    roots, unknown = roots_of(words_of(docs), memo)
    return (
        _JS.replace("__ROOTS__", json.dumps(" ".join(sorted(roots))))
        .replace("__UNKNOWN__", json.dumps(" ".join(sorted(unknown))))
        .replace("__STOP__", json.dumps(" ".join(STOP_WORDS)))
    )


def write_plugin(site: Path, docs: list[dict], memo: RootMemo | None = None) -> Path:
    target = site / PLUGIN
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(plugin_source(docs, memo), encoding="utf-8")
    if memo is not None:
        memo.save()
    return target
