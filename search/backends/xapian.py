"""The embedded CVthèque engine: xapian-haystack's backend, with our own documents and query path.

What differs from stock xapian-haystack (docs/search.md, "The index"):

- Documents are built by `search.documents.profile_document` and indexed once, with positions, from
  text already normalised by `search.text` (no stemmer, no second and third copies of each field).
  Job titles go in the text with the title suffix rules, and again under the ``XT`` prefix, which
  only weighs in the ranking: matching reads the text alone.
- The Xapian document id is the profile's primary key.
- Facet codes, dates and places of every document are kept in blocks of 1,024 documents in the
  index metadata (same transaction as the documents), so a reader loads all of them in a few
  milliseconds and, after a change, reloads only the blocks that changed (`arrays.py` does the
  counting). Dates are also in value slots for engine-side sorting.
- The index lives in ``PATH/index-<timestamp>/``, pointed at by the ``PATH/current`` symlink:
  `rebuild_cvtheque` builds a new directory aside and swaps the link atomically.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import xapian
from filelock import FileLock
from haystack.backends import BaseEngine
from xapian_backend import XapianSearchBackend, XapianSearchQuery

from ..choices import Sort
from ..documents import ProfileDocument, profile_document
from ..query import (
    FIELD_POSITION_GAP,
    STOPWORDS,
    Mode,
    ParsedQuery,
    Term,
    bigrams,
    to_xapian,
    xapian_query_first,
    xapian_widened,
)
from ..text import default_lexicon, normalize_text, normalize_title
from .arrays import (
    _HEADER_DTYPE,
    HEADER_SIZE,
    SORT_FIELDS,
    DocArrays,
    Evaluator,
    Vocabulary,
    decode_records,
    encode_record,
    page_facts,
)
from .base import EngineQuery, EngineResult, Hit, SearchUnavailable

logger = logging.getLogger(__name__)

TITLE_PREFIX = "XT"
BIGRAM_PREFIX = "XB"
SLOT_LAST_ACTIVE = 1
SLOT_CREATED = 2
SLOT_UPDATED = 3
BLOCK_SIZE = 1024
SCHEMA_VERSION = "2"
META_SCHEMA = "vivier:schema"
META_LEXICON = "vivier:lexicon"
META_VOCABULARY = "vivier:vocabulary"
META_BLOCKS = "vivier:blocks"
META_BLOCK = "vivier:block:"
META_HOT_WORDS = "vivier:hot-words"
META_HOT_BLOCK = "vivier:hot:"
CURRENT = "current"
# Words in at least this share of the documents ("gestion" is in 84 % of the CVs) get one bit per
# document beside the records, chosen at each rebuild: a query on them reads the bits instead of
# asking Xapian for (the complement of) tens of thousands of ids.
HOT_WORD_SHARE = 0.2
MAX_HOT_WORDS = 64
# Terms longer than this would be refused by Xapian (245 bytes with the prefix).
MAX_TERM_BYTES = 240


def _block_key(block: int) -> str:
    return f"{META_BLOCK}{block}"


def _hot_key(block: int) -> str:
    return f"{META_HOT_BLOCK}{block}"


def decode_hot_block(raw: bytes) -> tuple[np.ndarray, np.ndarray]:
    """(docids, bits of the hot words each holds) of one block."""
    if not raw:
        return np.zeros(0, dtype="<u4"), np.zeros(0, dtype="<u8")
    n = int(np.frombuffer(raw, dtype="<u4", count=1)[0])
    return np.frombuffer(raw, dtype="<u4", count=n, offset=4), np.frombuffer(raw, dtype="<u8", count=n, offset=4 + 4 * n)


def encode_hot_block(bits: dict[int, int]) -> bytes:
    docids = sorted(bits)
    return (np.array([len(docids)], dtype="<u4").tobytes() + np.array(docids, dtype="<u4").tobytes()
            + np.array([bits[d] for d in docids], dtype="<u8").tobytes())


def _load_hot_words(db) -> list[str]:
    raw = db.get_metadata(META_HOT_WORDS)
    return json.loads(raw) if raw else []


# --- Blocks of packed records in the metadata -----------------------------------------------------------------


@dataclass
class Block:
    """Packed records of the documents whose id // BLOCK_SIZE is the same, in id order."""

    docids: np.ndarray
    headers: np.ndarray
    codes: np.ndarray

    @classmethod
    def empty(cls) -> Block:
        return cls(np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=_HEADER_DTYPE), np.zeros(0, dtype="<u4"))

    @classmethod
    def decode(cls, raw: bytes) -> Block:
        if not raw:
            return cls.empty()
        n = int(np.frombuffer(raw, dtype="<u4", count=1)[0])
        offset = 4
        docids = np.frombuffer(raw, dtype="<u4", count=n, offset=offset)
        offset += 4 * n
        headers = np.frombuffer(raw, dtype=_HEADER_DTYPE, count=n, offset=offset)
        offset += HEADER_SIZE * n
        codes = np.frombuffer(raw, dtype="<u4", offset=offset)
        return cls(docids, headers, codes)

    def encode(self) -> bytes:
        n = len(self.docids)
        return (
            np.array([n], dtype="<u4").tobytes()
            + self.docids.astype("<u4").tobytes()
            + self.headers.tobytes()
            + self.codes.astype("<u4").tobytes()
        )

    def records(self) -> dict[int, bytes]:
        """docid -> packed record (header + codes)."""
        counts = self.headers["counts"].astype(np.int64).sum(axis=1) if len(self.docids) else []
        out: dict[int, bytes] = {}
        start = 0
        for i, docid in enumerate(self.docids.tolist()):
            end = start + int(counts[i])
            out[docid] = self.headers[i].tobytes() + self.codes[start:end].tobytes()
            start = end
        return out

    @classmethod
    def from_records(cls, records: dict[int, bytes]) -> Block:
        if not records:
            return cls.empty()
        docids = sorted(records)
        headers = b"".join(records[d][:HEADER_SIZE] for d in docids)
        codes = b"".join(records[d][HEADER_SIZE:] for d in docids)
        return cls(
            np.array(docids, dtype=np.uint32),
            np.frombuffer(headers, dtype=_HEADER_DTYPE),
            np.frombuffer(codes, dtype="<u4"),
        )


def _load_vocabulary(db) -> Vocabulary:
    raw = db.get_metadata(META_VOCABULARY)
    if not raw:
        return Vocabulary()
    data = json.loads(raw)
    return Vocabulary(data.get("values"), data.get("labels"))


def _save_vocabulary(db, vocabulary: Vocabulary) -> None:
    db.set_metadata(
        META_VOCABULARY,
        json.dumps({"values": vocabulary.values, "labels": vocabulary.labels}, ensure_ascii=False, separators=(",", ":")),
    )


def _load_block_stamps(db) -> dict[int, str]:
    raw = db.get_metadata(META_BLOCKS)
    return {int(k): v for k, v in json.loads(raw).items()} if raw else {}


# --- Writing ------------------------------------------------------------------------------------------------


class DocumentWriter:
    """Adds, replaces and deletes documents in an open WritableDatabase; `finish()` before commit."""

    def __init__(self, db: xapian.WritableDatabase):
        self.db = db
        self.vocabulary = _load_vocabulary(db)
        self.stamps = _load_block_stamps(db)
        self.blocks: dict[int, dict[int, bytes]] = {}
        self.generator = xapian.TermGenerator()
        self.generator.set_stemming_strategy(xapian.TermGenerator.STEM_NONE)
        self.generator.set_max_word_length(MAX_TERM_BYTES)
        self.lexicon = default_lexicon()
        self.hot_words = {word: bit for bit, word in enumerate(_load_hot_words(db))}
        self.hot_blocks: dict[int, dict[int, int]] = {}

    def _block(self, block: int) -> dict[int, bytes]:
        if block not in self.blocks:
            self.blocks[block] = Block.decode(self.db.get_metadata(_block_key(block))).records()
        return self.blocks[block]

    def _hot_block(self, block: int) -> dict[int, int]:
        if block not in self.hot_blocks:
            docids, bits = decode_hot_block(self.db.get_metadata(_hot_key(block)))
            self.hot_blocks[block] = dict(zip(docids.tolist(), bits.tolist(), strict=True))
        return self.hot_blocks[block]

    def _index_field(self, tokens: list[str], prefix: str = "", *, pairs: bool = False) -> None:
        # Tokens are final: the TermGenerator only splits them on the spaces and records positions.
        start = self.generator.get_termpos()
        if tokens:
            self.generator.index_text(" ".join(tokens), 1, prefix)
        if pairs and len(tokens) > 1:
            # Pair i sits at the position of its first word; a left-out pair would shift the next
            # ones, so a field with one is written pair by pair.
            words = bigrams(tokens)
            if len(words) == len(tokens) - 1:
                self.generator.set_termpos(start)
                self.generator.index_text(" ".join(words), 1, BIGRAM_PREFIX)
            else:
                document = self.generator.get_document()
                for offset, (a, b) in enumerate(zip(tokens, tokens[1:], strict=False), start=1):
                    pair = bigrams((a, b))
                    if pair:
                        document.add_posting(BIGRAM_PREFIX + pair[0], start + offset)
            self.generator.set_termpos(start + len(tokens))
        self.generator.increase_termpos(FIELD_POSITION_GAP)

    def xapian_document(self, document: ProfileDocument) -> xapian.Document:
        return self._document_and_words(document)[0]

    def _document_and_words(self, document: ProfileDocument) -> tuple[xapian.Document, set[str]]:
        """The Xapian document and the words its text holds (what the hot-word bits are made of)."""
        xdoc = xapian.Document()
        self.generator.set_document(xdoc)
        self.generator.set_termpos(0)
        words: set[str] = set()
        fields = [normalize_title(title, self.lexicon) for title in document.titles]
        fields += [normalize_text(text, self.lexicon) for text in document.texts]
        for tokens in fields:
            words.update(tokens)
            self._index_field(tokens, pairs=True)
        for title in document.titles:
            self._index_field(normalize_title(title, self.lexicon), TITLE_PREFIX)
        xdoc.add_value(SLOT_LAST_ACTIVE, xapian.sortable_serialise(document.last_active_at.timestamp()))
        xdoc.add_value(SLOT_CREATED, xapian.sortable_serialise(document.created_at.timestamp()))
        xdoc.add_value(SLOT_UPDATED, xapian.sortable_serialise(document.updated_at.timestamp()))
        xdoc.set_data(document.external_ref)
        return xdoc, words

    def upsert(self, document: ProfileDocument) -> None:
        xdoc, words = self._document_and_words(document)
        self.db.replace_document(document.pk, xdoc)
        self._block(document.pk // BLOCK_SIZE)[document.pk] = encode_record(document, self.vocabulary)
        if self.hot_words:
            self._hot_block(document.pk // BLOCK_SIZE)[document.pk] = sum(
                1 << bit for word, bit in self.hot_words.items() if word in words
            )

    def delete(self, pk: int) -> None:
        with suppress(xapian.DocNotFoundError):
            self.db.delete_document(pk)
        self._block(pk // BLOCK_SIZE).pop(pk, None)
        if self.hot_words:
            self._hot_block(pk // BLOCK_SIZE).pop(pk, None)

    def finish(self) -> None:
        for block, bits in self.hot_blocks.items():
            self.db.set_metadata(_hot_key(block), encode_hot_block(bits) if bits else "")
        self.hot_blocks.clear()
        for block, records in self.blocks.items():
            if records:
                self.db.set_metadata(_block_key(block), Block.from_records(records).encode())
                self.stamps[block] = uuid.uuid4().hex[:12]
            else:
                self.db.set_metadata(_block_key(block), "")
                self.stamps.pop(block, None)
        self.blocks.clear()
        self.db.set_metadata(META_BLOCKS, json.dumps({str(k): v for k, v in sorted(self.stamps.items())}))
        if self.vocabulary.dirty:
            _save_vocabulary(self.db, self.vocabulary)
            self.vocabulary.dirty.clear()
        self.db.set_metadata(META_LEXICON, self.lexicon.fingerprint)
        self.db.set_metadata(META_SCHEMA, SCHEMA_VERSION)


# --- Reading: per-process cache of the arrays ----------------------------------------------------------------


@dataclass
class _Reader:
    path: str
    db: xapian.Database
    uuid: str
    revision: int
    arrays: DocArrays | None = None
    blocks: dict[int, tuple[str, Block]] = field(default_factory=dict)
    vocabulary_raw: bytes = b""
    vocabulary: Vocabulary | None = None
    hot_blocks: dict[int, tuple[str, tuple[np.ndarray, np.ndarray]]] = field(default_factory=dict)


_readers: dict[str, _Reader] = {}
_readers_lock = threading.Lock()
# haystack makes a new backend object per call: the file locks must outlive them.
_locks: dict[str, FileLock] = {}
_locks_lock = threading.Lock()


def forget_readers() -> None:
    """Drop this process's open databases and arrays (tests, after a swap)."""
    with _readers_lock:
        _readers.clear()


class CvthequeXapianBackend(XapianSearchBackend):
    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        self.root = Path(self.path)

    # -- locations --------------------------------------------------------------------------------
    @property
    def current_link(self) -> Path:
        return self.root / CURRENT

    def current_directory(self, *, create: bool = True) -> Path | None:
        link = self.current_link
        if link.is_symlink() or link.exists():
            return link.resolve()
        if not create:
            return None
        with self.write_lock():
            if not (link.is_symlink() or link.exists()):
                directory = self.root / f"index-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}"
                xapian.WritableDatabase(str(directory), xapian.DB_CREATE_OR_OPEN).close()
                self._point_current_to(directory)
        return link.resolve()

    def _point_current_to(self, directory: Path) -> None:
        temporary = self.root / f"{CURRENT}.{uuid.uuid4().hex[:8]}"
        os.symlink(directory.name, temporary)
        os.replace(temporary, self.current_link)

    @contextmanager
    def write_lock(self) -> Iterator[None]:
        """One writer at a time across processes; re-entrant in a thread."""
        self.root.mkdir(parents=True, exist_ok=True)
        with _locks_lock:
            lock = _locks.setdefault(self.path, FileLock(str(self.root / "lockfile")))
        with lock:
            yield

    # -- haystack interface (update_index, rebuild_index, clear_index) ---------------------------
    def update(self, index, iterable, commit=True):
        self.upsert_documents([profile_document(obj) for obj in iterable])

    def remove(self, obj_or_string, commit=True):
        pk = obj_or_string.pk if hasattr(obj_or_string, "pk") else int(str(obj_or_string).rsplit(".", 1)[-1])
        self.delete_documents([pk])

    def clear(self, models=None, commit=True):
        with self.write_lock():
            for child in self.root.glob("index-*"):
                shutil.rmtree(child, ignore_errors=True)
            if self.current_link.is_symlink():
                self.current_link.unlink()
        forget_readers()

    def document_count(self):
        return self._reader().db.get_doccount()

    # -- writing ----------------------------------------------------------------------------------
    @contextmanager
    def writer(self, directory: Path | None = None) -> Iterator[DocumentWriter]:
        """A DocumentWriter on the current index (or `directory`), committed on success."""
        target = directory or self.current_directory()
        db = xapian.WritableDatabase(str(target), xapian.DB_CREATE_OR_OPEN)
        try:
            writer = DocumentWriter(db)
            yield writer
            writer.finish()
            db.commit()
        finally:
            db.close()

    def write(self, documents: Iterable[ProfileDocument], deleted: Iterable[int] = ()) -> None:
        """Replace or add `documents`, drop `deleted` ids; the caller holds `write_lock()`."""
        with self.writer() as writer:
            for pk in deleted:
                writer.delete(pk)
            for document in documents:
                writer.upsert(document)

    def upsert_documents(self, documents: Iterable[ProfileDocument], deleted: Iterable[int] = ()) -> None:
        with self.write_lock():
            self.write(documents, deleted)

    def delete_documents(self, pks: Iterable[int]) -> None:
        self.upsert_documents([], deleted=pks)

    def start_build(self) -> XapianBuild:
        return XapianBuild(self)

    def new_build_directory(self) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        return self.root / f"index-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}.new"

    def finish_build(self, build: Path) -> Path:
        """Swap `build` in as the current index (call under `write_lock`); keeps the previous one
        for readers still using it, removes older ones."""
        final = build.with_name(build.name.removesuffix(".new"))
        os.rename(build, final)
        previous = self.current_link.resolve() if self.current_link.is_symlink() else None
        self._point_current_to(final)
        keep = {final.name, previous.name if previous else ""}
        for child in self.root.glob("index-*"):
            if child.name not in keep and not child.name.endswith(".new"):
                shutil.rmtree(child, ignore_errors=True)
        return final

    def index_size_bytes(self) -> int:
        directory = self.current_directory(create=False)
        if directory is None:
            return 0
        return sum(f.stat().st_size for f in directory.iterdir() if f.is_file())

    def lexicon_fingerprint(self) -> str:
        return self._reader().db.get_metadata(META_LEXICON).decode()

    # -- reading ----------------------------------------------------------------------------------
    def _reader(self) -> _Reader:
        directory = str(self.current_directory())
        with _readers_lock:
            reader = _readers.get(self.path)
            if reader is None or reader.path != directory:
                db = xapian.Database(directory)
                reader = _Reader(directory, db, db.get_uuid(), db.get_revision())
                _readers[self.path] = reader
                built_with = db.get_metadata(META_LEXICON).decode()
                if built_with and built_with != default_lexicon().fingerprint:
                    logger.warning(
                        "The CVthèque index was built with another job-title lexicon (%s, now %s): "
                        "run `manage.py rebuild_cvtheque` so feminine and plural forms match again.",
                        built_with, default_lexicon().fingerprint,
                    )
            else:
                reader.db.reopen()
                reader.revision = reader.db.get_revision()
            return reader

    def _arrays(self, reader: _Reader) -> DocArrays:
        key = (reader.uuid, reader.revision)
        if reader.arrays is not None and reader.arrays.revision == key:
            return reader.arrays
        db = reader.db
        vocabulary_raw = db.get_metadata(META_VOCABULARY)
        if reader.vocabulary is None or vocabulary_raw != reader.vocabulary_raw:
            reader.vocabulary = _load_vocabulary(db)
            reader.vocabulary_raw = vocabulary_raw
        stamps = _load_block_stamps(db)
        blocks = {}
        for block, stamp in stamps.items():
            cached = reader.blocks.get(block)
            if cached is not None and cached[0] == stamp:
                blocks[block] = cached
            else:
                blocks[block] = (stamp, Block.decode(db.get_metadata(_block_key(block))))
        reader.blocks = blocks
        ordered = [blocks[block][1] for block in sorted(blocks)]
        if ordered:
            docids = np.concatenate([b.docids for b in ordered]).astype(np.int64)
            headers = np.concatenate([b.headers for b in ordered])
            codes = np.concatenate([b.codes for b in ordered])
        else:
            docids, headers, codes = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=_HEADER_DTYPE), np.zeros(0, "<u4")
        arrays = decode_records(key, docids, headers, codes, reader.vocabulary)
        hot_words = _load_hot_words(db)
        if hot_words:
            hot_blocks = {}
            for block, stamp in stamps.items():
                cached = reader.hot_blocks.get(block)
                hot_blocks[block] = cached if cached is not None and cached[0] == stamp else (
                    stamp, decode_hot_block(db.get_metadata(_hot_key(block))))
            reader.hot_blocks = hot_blocks
            parts = [hot_blocks[block][1] for block in sorted(hot_blocks)]
            arrays.set_hot_words(hot_words, np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, "<u4"),
                                 np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, "<u8"))
        reader.arrays = arrays
        return arrays

    @staticmethod
    def _all_ids(db, xquery) -> np.ndarray:
        """Ids of every document matching `xquery`, ascending (no ranking: the cheapest full match)."""
        enquire = xapian.Enquire(db)
        enquire.set_query(xquery)
        enquire.set_weighting_scheme(xapian.BoolWeight())
        enquire.set_docid_order(xapian.Enquire.ASCENDING)
        total = db.get_doccount()
        mset = enquire.get_mset(0, total, total)
        size = mset.size()
        return np.fromiter(map(mset.get_docid, range(size)), dtype=np.int64, count=size)

    def _matching_mask(self, db, arrays: DocArrays, xquery) -> np.ndarray:
        """Rows matching `xquery`. Reading ids costs per id: when most documents match, read the
        few that do not (Xapian's estimate from term frequencies decides, for free)."""
        enquire = xapian.Enquire(db)
        enquire.set_query(xquery)
        if enquire.get_mset(0, 0, 0).get_matches_estimated() * 2 > db.get_doccount():
            return ~arrays.mask_of_sorted(self._all_ids(db, xapian.Query(xapian.Query.OP_AND_NOT, xapian.Query.MatchAll, xquery)))
        return arrays.mask_of_sorted(self._all_ids(db, xquery))

    def _text_mask(self, db, arrays: DocArrays, parsed: ParsedQuery) -> np.ndarray | None:
        """Rows matching the words, or with "métiers proches" one of the added titles (None: no
        words, every row)."""
        mask = self._words_mask(db, arrays, parsed)
        widened = xapian_widened(parsed, title_prefix=TITLE_PREFIX)
        if widened is None or mask is None:
            return mask
        if parsed.excluded:
            unwanted = to_xapian(ParsedQuery(raw="", mode=Mode.ANY, terms=list(parsed.excluded)), title_prefix="",
                                 bigram_prefix=BIGRAM_PREFIX)
            widened = xapian.Query(xapian.Query.OP_AND_NOT, widened, unwanted)
        return mask | self._matching_mask(db, arrays, widened)

    def _words_mask(self, db, arrays: DocArrays, parsed: ParsedQuery) -> np.ndarray | None:
        """Rows matching the words (None: no words, every row)."""
        if any(_hot_forms(term, arrays) for term in (*parsed.terms, *parsed.excluded)):
            return self._text_mask_with_hot_words(db, arrays, parsed)
        if parsed.terms:
            return self._matching_mask(db, arrays, to_xapian(parsed, title_prefix="", bigram_prefix=BIGRAM_PREFIX))
        if parsed.excluded:
            excluded = ParsedQuery(raw="", mode=Mode.ANY, terms=list(parsed.excluded))
            return ~self._matching_mask(db, arrays, to_xapian(excluded, title_prefix="", bigram_prefix=BIGRAM_PREFIX))
        return None

    def _text_mask_with_hot_words(self, db, arrays: DocArrays, parsed: ParsedQuery) -> np.ndarray | None:
        """The same rows as `to_xapian(parsed)`, term by term: hot words from their bits, the other
        terms in one Xapian query, combined as the mode says; exclusions removed last."""

        def combined(terms: list[Term], mode: Mode) -> np.ndarray | None:
            masks = [arrays.hot_mask(_hot_forms(term, arrays)) for term in terms if _hot_forms(term, arrays)]
            others = [term for term in terms if not _hot_forms(term, arrays)]
            if others:
                query = to_xapian(ParsedQuery(raw="", mode=mode, terms=others), title_prefix="",
                                  bigram_prefix=BIGRAM_PREFIX)
                masks.append(self._matching_mask(db, arrays, query))
            if not masks:
                return None
            mask = masks[0].copy()
            for other in masks[1:]:
                if mode == Mode.ALL:
                    mask &= other
                else:
                    mask |= other
            return mask

        mask = combined(parsed.terms, parsed.mode)
        excluded = combined(parsed.excluded, Mode.ANY)
        if excluded is None:
            return mask
        return ~excluded if mask is None else mask & ~excluded

    def _ranked_page(self, db, arrays: DocArrays, parsed: ParsedQuery, final: np.ndarray, total: int,
                     matched: int, query: EngineQuery) -> list[Hit]:
        """The page in order of relevance: the best-ranked matches that pass the filters.

        Xapian ranks only as deep as needed: the share of word matches that pass the filters says
        how deep the page probably lies; when that is not deep enough, it ranks deeper.
        """
        wanted = query.offset + query.limit
        if query.offset >= total:
            return []
        enquire = xapian.Enquire(db)
        ranking = to_xapian(ranking_query(parsed), title_prefix=TITLE_PREFIX)
        widened = xapian_widened(parsed, title_prefix=TITLE_PREFIX)
        enquire.set_query(ranking if widened is None else xapian_query_first(ranking, parsed,
                                                                       title_prefix=TITLE_PREFIX))
        share = total / max(matched, 1)
        depth = int(wanted / share * 1.3) + 50
        documents = db.get_doccount()
        while True:
            mset = enquire.get_mset(0, depth, depth)
            size = mset.size()
            ids = np.fromiter(map(mset.get_docid, range(size)), dtype=np.int64, count=size)
            rows, positions = arrays.rows_and_positions(ids)
            keep = np.flatnonzero(final[rows])
            # The ranking query matches more than the words did (no exclusions): stop when it is exhausted.
            if len(keep) >= wanted or size < depth or depth >= documents:
                break
            depth = min(documents, depth * 4)
        page = keep[query.offset : wanted]
        facts = page_facts(arrays, rows[page], query.today)
        return [
            Hit(pk=int(arrays.docids[rows[i]]), score=round(float(mset[int(positions[i])].weight), 4), **fact)
            for i, fact in zip(page.tolist(), facts, strict=True)
        ]

    def cvtheque_search(self, query: EngineQuery) -> EngineResult:
        timings: dict[str, float] = {}
        started = time.perf_counter()
        for attempt in range(3):
            try:
                reader = self._reader()
                arrays = self._arrays(reader)
                timings["arrays"] = _ms(started)
                return self._search(reader.db, arrays, query, timings, started)
            except xapian.DatabaseModifiedError:
                if attempt == 2:
                    raise SearchUnavailable() from None
            except xapian.DatabaseError as error:
                logger.exception("CVthèque index unreadable")
                raise SearchUnavailable() from error
        raise AssertionError("unreachable")  # pragma: no cover

    def _search(self, db, arrays: DocArrays, query: EngineQuery, timings, started) -> EngineResult:
        text_mask = self._text_mask(db, arrays, query.parsed)
        timings["text"] = _ms(started)
        evaluator = Evaluator(arrays, query)
        final, facets = evaluator.run(text_mask)
        timings["facets"] = _ms(started)
        total = int(np.count_nonzero(final))
        if query.sort == Sort.RELEVANCE and query.parsed.terms:
            matched = int(np.count_nonzero(text_mask))
            hits = self._ranked_page(db, arrays, query.parsed, final, total, matched, query)
        else:
            rows = evaluator.page_by_date(final, SORT_FIELDS[query.sort])
            hits = [
                Hit(pk=int(pk), score=None, **fact)
                for pk, fact in zip(arrays.docids[rows].tolist(), page_facts(arrays, rows, query.today), strict=True)
            ]
        timings["total"] = _ms(started)
        return EngineResult(total=total, hits=hits, facets=facets, timings=timings)


class XapianBuild:
    """A new index built aside (``PATH/index-<timestamp>.new``), swapped in by `swap()`."""

    def __init__(self, backend: CvthequeXapianBackend):
        self.backend = backend
        self.directory = backend.new_build_directory()
        self.db = xapian.WritableDatabase(str(self.directory), xapian.DB_CREATE)
        self.writer = DocumentWriter(self.db)

    def write(self, documents: Iterable[ProfileDocument], deleted: Iterable[int] = ()) -> None:
        for pk in deleted:
            self.writer.delete(pk)
        for document in documents:
            self.writer.upsert(document)

    def swap(self) -> None:
        """Commit and make this the current index (the caller holds the write lock)."""
        self.writer.finish()
        self.db.commit()
        write_hot_words(self.db, xapian.Database(str(self.directory)))
        self.db.commit()
        self.db.close()
        self.backend.finish_build(self.directory)

    def discard(self) -> None:
        try:
            self.db.close()
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)


def choose_hot_words(db) -> list[str]:
    """The most frequent words of the text (not word pairs nor titles, not stop words)."""
    total = db.get_doccount()
    frequent = []
    for initial in "0123456789abcdefghijklmnopqrstuvwxyz":
        for item in db.allterms(initial):
            if item.termfreq >= HOT_WORD_SHARE * total:
                word = item.term.decode()
                if word not in STOPWORDS:
                    frequent.append((-item.termfreq, word))
    return [word for _frequency, word in sorted(frequent)[:MAX_HOT_WORDS]]


def write_hot_words(db: xapian.WritableDatabase, committed: xapian.Database) -> list[str]:
    """Choose the hot words of a committed index (read through `committed`, a reader of it: reading
    a large index through its writer failed) and write every document's bits with `db`."""
    words = choose_hot_words(committed) if committed.get_doccount() else []
    stamps = _load_block_stamps(committed)
    blocks = {block: Block.decode(committed.get_metadata(_block_key(block))).docids.astype(np.int64)
              for block in stamps}
    top = max((int(docids[-1]) for docids in blocks.values() if len(docids)), default=0)
    bits = np.zeros(top + 1, dtype=np.uint64)
    for bit, word in enumerate(words):
        if committed.get_termfreq(word) == committed.get_doccount():
            # In every document: Xapian (1.4) reads such a posting list as 1..doccount and fails
            # ("Unexpected end of posting list") when ids have gaps.
            bits[:] |= np.uint64(1) << np.uint64(bit)
            continue
        ids = CvthequeXapianBackend._all_ids(committed, xapian.Query(word))
        bits[ids[ids <= top]] |= np.uint64(1) << np.uint64(bit)
    for block, docids in blocks.items():
        db.set_metadata(_hot_key(block), encode_hot_block(dict(zip(docids.tolist(), bits[docids].tolist(), strict=True))))
    db.set_metadata(META_HOT_WORDS, json.dumps(words))
    return words


def ranking_query(parsed: ParsedQuery) -> ParsedQuery:
    """What orders the page once the matches are known: no exclusions (the filters removed them),
    and in mode "all" phrases as the AND of their words. Xapian weighs a phrase as the sum of its
    words' weights, so the order stays that of the phrase query (up to title words matched outside
    the phrase), without checking positions a second time."""
    if parsed.mode != Mode.ALL:
        return ParsedQuery(raw=parsed.raw, mode=parsed.mode, terms=list(parsed.terms))
    terms = []
    for term in parsed.terms:
        if not term.is_phrase:
            terms.append(term)
            continue
        titles = term.title_tokens if len(term.title_tokens) == len(term.tokens) else term.tokens
        terms += [Term(text=token, tokens=(token,), title_tokens=(title,)) for token, title in zip(term.tokens, titles, strict=True)]
    return ParsedQuery(raw=parsed.raw, mode=parsed.mode, terms=terms)


def _hot_forms(term: Term, arrays: DocArrays) -> tuple[str, ...]:
    """The forms a one-word term is searched under (the word, its title form), when all are hot
    words; () otherwise (phrases, rarer words)."""
    if len(term.tokens) != 1 or not arrays.hot_words:
        return ()
    forms = tuple({term.tokens[0], *term.title_tokens[:1]})
    return forms if all(form in arrays.hot_words for form in forms) else ()


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)


class CvthequeXapianEngine(BaseEngine):
    backend = CvthequeXapianBackend
    query = XapianSearchQuery

