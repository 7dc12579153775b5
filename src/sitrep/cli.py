"""The `sitrep` command: parses arguments, calls the library, prints. The only place that exits."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import shlex
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import IO, Any, BinaryIO

from tqdm import tqdm

from sitrep import __version__
from sitrep.brief import BriefFilter, brief_format, render_brief
from sitrep.claims import ClaimLexicon
from sitrep.distributed import DEFAULT_CONNECT_TIMEOUT, ingest_paths_dask, parse_cluster
from sitrep.errors import SitrepError, UsageError
from sitrep.export import dumps, export_record, schema, with_event_ids, write_jsonl
from sitrep.ingest import DEFAULT_MAX_BYTES, Problem, ReadOptions, Severity
from sitrep.jobs import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_RECONCILE_EVERY,
    IngestReport,
    extract_paths,
    ingest_paths,
    run_demo,
)
from sitrep.model import (
    EVENT_TYPES,
    MEASURE_VALUES,
    Actor,
    AnnotatedArticle,
    Article,
    Place,
    Quantity,
    Quote,
)
from sitrep.places.gazetteer import load_geonames
from sitrep.reconcile.claim_listing import claim_json, claim_lines
from sitrep.reconcile.claims import linked_groups
from sitrep.reconcile.events import MergedEvent
from sitrep.reconcile.listing import event_json, event_line, event_lines, event_summary
from sitrep.store import DEFAULT_DB, Store, StoreStats, open_store, without_password

EXIT_OK, EXIT_INPUT_ERRORS, EXIT_FAILURE, EXIT_INTERRUPTED = 0, 1, 2, 130


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _quiet_library_loggers()
    try:
        return int(args.handler(args))
    except SitrepError as error:
        _say("error", str(error))
        return EXIT_FAILURE
    except BrokenPipeError:
        # `sitrep export | head`: the reader left, which is not an error. Point stdout at devnull
        # so that the interpreter's last flush does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as error:  # an output file or folder that cannot be written, a full disk
        _say("error", f"{error.filename or 'output'}: {error.strerror or error}")
        return EXIT_FAILURE
    except KeyboardInterrupt:
        _say("error", "interrupted; the batch being written was rolled back")
        return EXIT_INTERRUPTED


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sitrep",
        description="Turn conflict news into a sourced, cross-checked situation picture.",
        epilog="Example:\n  sitrep demo\n  sitrep ingest reports/ --db conflict.db\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"sitrep {__version__}")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    for add in (
        _add_ingest,
        _add_extract,
        _add_export,
        _add_search,
        _add_events,
        _add_claims,
        _add_brief,
        _add_stats,
        _add_serve,
        _add_demo,
        _add_schema,
        _add_gazetteer,
    ):
        add(commands)
    return parser


def _command(
    commands: Any, name: str, summary: str, example: str, handler: Callable[..., int]
) -> Any:
    command = commands.add_parser(
        name,
        help=summary,
        description=summary,
        epilog=f"Example:\n  {example}\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.set_defaults(handler=handler)
    return command


def _add_db(command: Any) -> None:
    command.add_argument(
        "--db",
        default=DEFAULT_DB,
        help=f"SQLite store file, or a postgresql://user:password@host/database URL"
        f" (default: {DEFAULT_DB})",
    )


def _add_inputs(command: Any) -> None:
    command.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="files (.txt .html .xml .rss .atom .jsonl .jsonl.gz), directories, or - for stdin",
    )
    command.add_argument(
        "--published", type=_date, help="publication date YYYY-MM-DD for every input"
    )
    command.add_argument("--outlet", help="outlet name for every input")
    command.add_argument(
        "--max-bytes",
        type=_positive,
        default=DEFAULT_MAX_BYTES,
        help=f"largest article file or JSON line read (default: {DEFAULT_MAX_BYTES:,})",
    )


def _add_ingest(commands: Any) -> None:
    command = _command(
        commands,
        "ingest",
        "Read articles into the store (re-ingesting changes nothing).",
        "sitrep ingest reports/ feed.xml --db conflict.db --outlet 'Tigris Wire'",
        _ingest,
    )
    _add_inputs(command)
    _add_db(command)
    command.add_argument(
        "--batch-size",
        type=_positive,
        default=DEFAULT_BATCH_SIZE,
        help=f"articles per transaction (default: {DEFAULT_BATCH_SIZE})",
    )
    command.add_argument(
        "--reconcile-every",
        type=_positive,
        default=DEFAULT_RECONCILE_EVERY,
        metavar="ARTICLES",
        help="merge events and group claims once this many articles are written, and at the end"
        f" (default: {DEFAULT_RECONCILE_EVERY}; fewer keeps them fresher while a run goes on,"
        " more makes a bulk ingest faster)",
    )
    command.add_argument(
        "--dask",
        metavar="SCHEDULER|local[N]",
        help="run the pipeline on a Dask cluster: a scheduler address (tcp://HOST:8786), or"
        " local[N] for N worker processes here; the store ends up the same (docs/scale.md)",
    )
    command.add_argument(
        "--dask-timeout",
        type=_positive,
        default=int(DEFAULT_CONNECT_TIMEOUT),
        metavar="SECONDS",
        help="how long to wait for the scheduler and a first worker"
        f" (default: {int(DEFAULT_CONNECT_TIMEOUT)})",
    )


def _add_extract(commands: Any) -> None:
    command = _command(
        commands,
        "extract",
        "Annotate articles without a store: JSON Lines, one object per article.",
        "sitrep extract story.txt --published 2016-03-17 > story.jsonl",
        _extract,
    )
    _add_inputs(command)
    command.add_argument("-o", "--output", help="write to this file instead of stdout")


def _add_export(commands: Any) -> None:
    command = _command(
        commands,
        "export",
        "Write the store as JSON Lines (export contract v1).",
        "sitrep export --db conflict.db -o conflict.jsonl",
        _export,
    )
    _add_db(command)
    command.add_argument("-o", "--output", help="write to this file instead of stdout")


def _add_search(commands: Any) -> None:
    command = _command(
        commands,
        "search",
        "Full-text search over titles and bodies.",
        "sitrep search '\"Tal Abyad\" killed' --db conflict.db",
        _search,
    )
    command.add_argument("query", help='words (all must match), "quoted phrases", OR, NOT, prefix*')
    _add_db(command)
    command.add_argument(
        "--limit", type=_positive, default=20, help="most hits shown (default: 20)"
    )
    command.add_argument("--json", action="store_true", help="JSON Lines instead of text")


def _add_events(commands: Any) -> None:
    command = _command(
        commands,
        "events",
        "List events, each once however many articles and outlets reported it (docs/events.md).",
        "sitrep events --db conflict.db --type bombing --since 2016-02-01 --place Baghdad",
        _events,
    )
    _add_db(command)
    command.add_argument(
        "--type", choices=EVENT_TYPES, metavar="TYPE", help="events a report of which gives TYPE"
    )
    command.add_argument(
        "--since", type=_date, metavar="DATE", help="events not over before DATE (YYYY-MM-DD)"
    )
    command.add_argument(
        "--until", type=_date, metavar="DATE", help="events begun by DATE (YYYY-MM-DD)"
    )
    command.add_argument(
        "--place", metavar="PLACE", help="a place's name, or part of it, or a country code (IQ)"
    )
    command.add_argument("--limit", type=_positive, metavar="N", help="most events shown")
    command.add_argument("--json", action="store_true", help="JSON Lines, with every report")


def _add_claims(commands: Any) -> None:
    command = _command(
        commands,
        "claims",
        "List claims grouped across sources, agreement and conflict shown (docs/claims.md).",
        "sitrep claims --db conflict.db --measure territory_share --place Syria --conflicts",
        _claims,
    )
    _add_db(command)
    command.add_argument(
        "--measure", choices=MEASURE_VALUES, metavar="M", help="groups of this measure only"
    )
    command.add_argument("--subject", metavar="S", help="whose: an actor's name, or part of it")
    command.add_argument("--place", metavar="P", help="where: a place's name, or part of it")
    command.add_argument(
        "--conflicts", action="store_true", help="only groups whose sources conflict"
    )
    command.add_argument("--json", action="store_true", help="JSON Lines, with every claim")


def _add_brief(commands: Any) -> None:
    command = _command(
        commands,
        "brief",
        "Write a cited situation brief: key figures, disagreements, events, statements, summary.",
        "sitrep brief --db conflict.db --since 2016-02-01 --place Syria -o brief.html",
        _brief,
    )
    _add_db(command)
    command.add_argument("--since", type=_date, metavar="DATE", help="from DATE (YYYY-MM-DD)")
    command.add_argument("--until", type=_date, metavar="DATE", help="to DATE (YYYY-MM-DD)")
    command.add_argument("--place", metavar="P", help="a place's name, or part of it")
    command.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="brief.html (one self-contained file) or brief.md; Markdown on stdout without it",
    )


def _add_stats(commands: Any) -> None:
    command = _command(
        commands, "stats", "What the store holds.", "sitrep stats --db conflict.db", _stats
    )
    _add_db(command)
    command.add_argument("--json", action="store_true", help="one JSON object instead of text")


def _add_serve(commands: Any) -> None:
    command = _command(
        commands,
        "serve",
        "Serve the web UI and JSON API over a store: browse, search, review and correct.",
        "sitrep serve --db sitrep-demo.db   # then open http://127.0.0.1:8000/",
        _serve,
    )
    _add_db(command)
    command.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine)"
    )
    command.add_argument("--port", type=_positive, default=8000, help="port (default: 8000)")
    command.add_argument(
        "--token-file",
        metavar="FILE",
        help="file holding the token every write needs (else $SITREP_TOKEN); required beyond"
        " loopback",
    )


def _add_demo(commands: Any) -> None:
    command = _command(
        commands,
        "demo",
        "Ingest the embedded sample corpus into a fresh store and show it.",
        "sitrep demo --db sitrep-demo.db",
        _demo,
    )
    command.add_argument(
        "--db", default="sitrep-demo.db", help="store to (re)create (default: sitrep-demo.db)"
    )


def _add_schema(commands: Any) -> None:
    _command(
        commands,
        "schema",
        "Print the JSON Schema of the export contract.",
        "sitrep schema",
        _schema,
    )


# Handlers -------------------------------------------------------------------------------------


def _add_gazetteer(commands: Any) -> None:
    gazetteer = commands.add_parser(
        "gazetteer",
        help="Manage the offline gazetteer places are resolved with.",
        description="Manage the offline gazetteer places are resolved with (docs/places.md).",
    )
    actions = gazetteer.add_subparsers(title="actions", required=True, metavar="ACTION")
    command = _command(
        actions,
        "load",
        "Add a GeoNames dump (allCountries.txt, a country file such as SY.txt, or its .zip) to "
        "the gazetteer, for village-level coverage; its places take precedence.",
        "sitrep gazetteer load SY.zip",
        _gazetteer_load,
    )
    command.add_argument("file", metavar="FILE", help="a GeoNames dump, tab-separated")
    command.add_argument(
        "--cache", default=None, help="gazetteer cache directory (default: $SITREP_CACHE, ...)"
    )


def _gazetteer_load(args: argparse.Namespace) -> int:
    stats = load_geonames(args.file, args.cache)
    kinds = ", ".join(f"{count:,} {kind}" for kind, count in sorted(stats.kinds.items()))
    action = f"built in {stats.build_seconds:.0f} s" if stats.built else "already built"
    print(f"gazetteer {stats.path}: {stats.entries:,} places ({kinds}), {action}")
    print(f"  {_plural(stats.dump_rows, 'row', 'rows')} read from {', '.join(stats.dumps)}")
    for warning in stats.warnings:
        _say("warning", warning)
    if stats.bad_lines:
        _say("warning", f"{_plural(stats.bad_lines, 'bad line', 'bad lines')} skipped")
    return EXIT_OK


def _ingest(args: argparse.Namespace) -> int:
    # A bad --dask value is reported before the store is created or anything is read.
    cluster = parse_cluster(args.dask) if args.dask else None
    ingest: Callable[..., IngestReport] = ingest_paths
    if cluster is not None:
        ingest = partial(ingest_paths_dask, cluster=cluster, timeout=float(args.dask_timeout))
    with open_store(args.db) as store, _progress("ingesting") as advance:
        report = ingest(
            args.paths,
            store,
            _read_options(args),
            batch_size=args.batch_size,
            reconcile_every=args.reconcile_every,
            stdin=_stdin(),
            on_problem=_report_problem,
            on_article=advance,
        )
    print(_ingest_summary(report, without_password(args.db)))
    return EXIT_INPUT_ERRORS if report.errors else EXIT_OK


def _extract(args: argparse.Namespace) -> int:
    report = IngestReport()
    with _output(args.output) as stream, _progress("extracting") as advance:
        articles = extract_paths(
            args.paths,
            _read_options(args),
            stdin=_stdin(),
            on_problem=_report_problem,
            on_article=advance,
            report=report,
        )
        for annotated in articles:
            stream.write(dumps(export_record(annotated)) + "\n")
    return EXIT_INPUT_ERRORS if report.errors else EXIT_OK


def _export(args: argparse.Namespace) -> int:
    with _existing_store(args.db) as store, _output(args.output) as stream:
        write_jsonl(with_event_ids(store.articles(), store.event_ids()), stream)
    return EXIT_OK


def _search(args: argparse.Namespace) -> int:
    with _existing_store(args.db) as store:
        hits = store.search(args.query, args.limit)
    for hit in hits:
        if args.json:
            print(
                dumps(
                    {
                        "id": hit.id,
                        "title": hit.title,
                        "outlet": hit.outlet,
                        "published": _iso(hit.published),
                        "copy_of": hit.copy_of,
                        "snippet": hit.snippet,
                    }
                )
            )
        else:
            copy = f"  (copy of {hit.copy_of})" if hit.copy_of else ""
            dated = _iso(hit.published) or "----------"
            print(f"{hit.id}  {dated}  {hit.outlet or '-'}: {hit.title or '(untitled)'}{copy}")
            print(f"    {hit.snippet}")
    if not args.json:
        print(f"{len(hits)} hit{'s' if len(hits) != 1 else ''}", file=sys.stderr)
    return EXIT_OK


def _events(args: argparse.Namespace) -> int:
    with _existing_store(args.db) as store:
        events = store.events(args.type, args.since, args.until, args.place, args.limit)
    for event in events:
        print(dumps(event_json(event)) if args.json else event_line(event))
    if not args.json:
        print(_plural(len(events), "event", "events"), file=sys.stderr)
    return EXIT_OK


def _claims(args: argparse.Namespace) -> int:
    with _existing_store(args.db) as store:
        groups = store.claims(args.measure, args.subject, args.place, args.conflicts)
        links = linked_groups(store.claims() if groups else [], ClaimLexicon.load().related)
    if args.json:
        for group in groups:
            print(dumps(claim_json(group, links.get(group.group_id, ()))))
    else:
        print("\n".join(claim_lines(groups, links)))
        print(_plural(len(groups), "group", "groups"), file=sys.stderr)
    return EXIT_OK


def _brief(args: argparse.Namespace) -> int:
    format = brief_format(args.output) if args.output else "markdown"
    covers = BriefFilter(args.since, args.until, args.place)
    with _existing_store(args.db) as store:
        text = render_brief(store, covers, format)
    with _output(args.output) as out:
        out.write(text)
    if args.output:
        print(f"brief written to {Path(args.output).resolve()}", file=sys.stderr)
    return EXIT_OK


def _stats(args: argparse.Namespace) -> int:
    with _existing_store(args.db) as store:
        stats = store.stats()
    print(json.dumps(_stats_json(stats), indent=2) if args.json else _stats_text(stats))
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from sitrep.web import create_app
    from sitrep.web.security import is_loopback

    token = _serve_token(args.token_file)
    app = create_app(args.db, token=token, public=not is_loopback(args.host))
    shown = without_password(args.db)
    _say("info", f"serving {shown} at http://{args.host}:{args.port}/ (Ctrl-C stops)")
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return EXIT_OK


def _serve_token(path: str | None) -> str | None:
    if path is None:
        return os.environ.get("SITREP_TOKEN") or None
    try:
        token = Path(path).read_text("utf-8").strip()
    except OSError as error:
        raise UsageError(f"cannot read the token file {path}: {error.strerror}") from error
    if not token:
        raise UsageError(f"the token file {path} is empty", "write the token into it")
    return token


def _demo(args: argparse.Namespace) -> int:
    result = run_demo(args.db, on_problem=_report_problem)
    db = shlex.quote(without_password(args.db))
    print(f"sitrep demo: the embedded sample corpus, ingested into {db}\n")
    print(_stats_text(result.stats))
    print("\nArticles")
    titles = {annotated.article.id: annotated.article.title for annotated in result.articles}
    for annotated in sorted(
        result.articles, key=lambda a: (_iso(a.article.published) or "", a.article.id)
    ):
        print(_article_line(annotated.article, len(annotated.get("sentences"))))
        if annotated.copy_of:
            original = titles.get(annotated.copy_of.canonical_id) or annotated.copy_of.canonical_id
            print(
                f"{'':14}wire copy of {original!r} (similarity {annotated.copy_of.similarity:.2f})"
            )
    print("\nFigures (wire copies left out; `sitrep export` gives every field and offset)")
    print("\n".join(_figure_lines(result.articles)))
    print("\nTime line: events and figures by the period they describe (wire copies left out)")
    print("\n".join(_timeline_lines(result.articles, result.events)))
    print("\nSources and what each claimed (wire copies left out)")
    print("\n".join(_source_lines(result.articles)))
    print("\nPlaces, resolved offline, with coordinates and precision (wire copies left out)")
    print("\n".join(_place_lines(result.articles)))
    print("\nActors: mentions under one name each (wire copies left out)")
    print("\n".join(_actor_lines(result.articles)))
    print("\nEvents: each once, its reports merged (`sitrep events --json` gives them)")
    print("\n".join(event_lines(result.events)))
    print("\nClaims compared across sources, conflicts first (`sitrep claims --json` gives them)")
    print("\n".join(claim_lines(result.claims)))
    print(f"\nTry: sitrep search 'Shaddadi' --db {db}   |   sitrep export --db {db}")
    print(f"     sitrep claims --conflicts --db {db}   |   sitrep brief -o b.md --db {db}")
    if result.brief is not None:
        print(f"\nThe brief, one self-contained HTML file: {result.brief.resolve()}")
    print(
        f"\nThe web UI (browse, search, review and correct): sitrep serve --db {db}"
        "\n  then open http://127.0.0.1:8000/ in a browser (from this folder: .venv/bin/sitrep)"
    )
    return EXIT_INPUT_ERRORS if result.report.errors else EXIT_OK


# What the demo lists first: the figures an analyst tracks, in this order.
_DEMO_MEASURES = (
    "killed",
    "wounded",
    "displaced",
    "detained",
    "force_size",
    "territory_share",
    "area",
    "places_count",
)


def _figure_lines(articles: Sequence[AnnotatedArticle]) -> list[str]:
    originals = [a for a in articles if a.copy_of is None]
    originals.sort(key=lambda a: (_iso(a.article.published) or "", a.article.outlet or ""))
    lines = []
    for measure in _DEMO_MEASURES:
        found = [
            (a.article, q)
            for a in originals
            for q in a.get("quantities")
            if isinstance(q, Quantity) and q.measure == measure
        ]
        if found:
            lines.append(f"  {measure} ({len(found)})")
            lines.extend(_figure_line(article, quantity) for article, quantity in found)
    return lines


def _figure_line(article: Article, quantity: Quantity) -> str:
    date = _iso(article.published) or "undated"
    subject = f"  [{quantity.subject}]" if quantity.subject else ""
    source = f"  <- {quantity.source}" if quantity.source else ""
    return f"    {date}  {(article.outlet or '')[:23]:23}  {_figure(quantity)}{subject}{source}"


def _timeline_lines(
    articles: Sequence[AnnotatedArticle], events: Sequence[MergedEvent]
) -> list[str]:
    """The events and the tracked figures in one list, ordered by the start of the days each
    holds for (an event before a figure on the same days); a figure with no time of its own
    holds as of its article's date, an undated event is left out."""
    dated: list[tuple[tuple[str, str], int, str]] = [
        (event.interval, 0, _timeline_event_line(event))
        for event in events
        if event.interval is not None
    ]
    figures = [
        (q.time.interval, a.article, q)
        for a in articles
        if a.copy_of is None
        for q in a.get("quantities")
        if isinstance(q, Quantity) and q.measure in _DEMO_MEASURES and q.time is not None
    ]
    figures.sort(key=lambda item: (item[0], item[1].outlet or "", item[2].start_char))
    dated.extend((interval, 1, _timeline_line(a, q)) for interval, a, q in figures)
    dated.sort(key=lambda item: (item[0][0], item[1]))  # stable: figures keep their order
    return [line for _, _, line in dated]


def _timeline_event_line(event: MergedEvent) -> str:
    first, last = event.interval or ("", "")
    period = first if first == last else f"{first}..{last}"
    return f"    {period:22}  {'event':22}  {event_summary(event)}"


def _timeline_line(article: Article, quantity: Quantity) -> str:
    time = quantity.time
    assert time is not None  # _timeline_lines keeps dated figures only
    first, last = time.interval
    period = first if first == last else f"{first}..{last}"
    if time.basis == "expression" and time.start_char is not None:
        said = f"'{article.text[time.start_char : time.end_char]}'"
    else:
        said = "as of publication"
    source = f"  <- {quantity.source}" if quantity.source else ""
    outlet = (article.outlet or "")[:23]
    return f"    {period:22}  {said[:22]:22}  {_figure(quantity)}  {outlet}{source}"


_DEMO_STATEMENT_CHARS = 90  # a statement is shown cut to this many characters


def _source_lines(articles: Sequence[AnnotatedArticle]) -> list[str]:
    """Each source with its statements, by outlet and date, most quoted first."""
    said: dict[str, list[tuple[Article, Quote]]] = {}
    for annotated in sorted(articles, key=lambda a: _iso(a.article.published) or ""):
        if annotated.copy_of is not None:
            continue
        for quote in annotated.get("quotes"):
            if isinstance(quote, Quote) and quote.source:
                said.setdefault(quote.source, []).append((annotated.article, quote))
    lines = []
    for name, statements in sorted(said.items(), key=lambda item: (-len(item[1]), item[0])):
        lines.append(f"  {name} ({len(statements)})")
        lines.extend(_statement_line(article, quote) for article, quote in statements)
    return lines


_DEMO_ACTOR_FORMS = 6  # written forms shown per actor, most frequent first
_DEMO_PLACE_FORMS = 4  # written forms shown per place
# ACLED's geo-precision words for the codes of docs/places.md.
_PRECISION_WORDS = {1: "exact", 2: "near/part", 3: "region", 4: "country"}


def _place_lines(articles: Sequence[AnnotatedArticle]) -> list[str]:
    """Each place with its coordinates, country, kind, mention count and how it was written,
    most mentioned first; a relative location is listed under the place it is relative to."""
    forms: dict[Place, Counter[str]] = {}
    for annotated in articles:
        if annotated.copy_of is not None:
            continue
        for place in annotated.get("places"):
            if isinstance(place, Place):
                key = _place_key(place)
                forms.setdefault(key, Counter())[" ".join(place.text.split())] += 1
    ranked = sorted(forms.items(), key=lambda item: (-item[1].total(), item[0].name))
    return [_place_line(key, counts) for key, counts in ranked]


def _place_key(place: Place) -> Place:
    """The place without its offsets and words: every mention of it at one precision."""
    return Place(0, 0, "", place.name, place.country, place.lat, place.lon, place.kind,
                 place.geonameid, place.precision)  # fmt: skip


def _place_line(place: Place, counts: Counter[str]) -> str:
    lat, lon = place.lat, place.lon
    where = f"{lat:8.4f} {lon:9.4f}" if lat is not None and lon is not None else f"{'':18}"
    written = ", ".join(f"{form!r} {n}" for form, n in counts.most_common(_DEMO_PLACE_FORMS))
    mentions = _plural(counts.total(), "mention", "mentions")
    precision = _PRECISION_WORDS[place.precision]
    return (
        f"  {where}  {place.country or '--'}  {place.name} ({place.kind}, {precision},"
        f" {mentions}): {written}"
    )


def _actor_lines(articles: Sequence[AnnotatedArticle]) -> list[str]:
    """Each actor with its mention count, type, the articles naming it and how it was written."""
    forms: dict[tuple[str, str], Counter[str]] = {}
    named_in: dict[tuple[str, str], set[str]] = {}
    for annotated in articles:
        if annotated.copy_of is not None:
            continue
        for actor in annotated.get("actors"):
            if isinstance(actor, Actor):
                key = (actor.name, actor.type)
                forms.setdefault(key, Counter())[" ".join(actor.text.split())] += 1
                named_in.setdefault(key, set()).add(annotated.article.id)
    ranked = sorted(forms.items(), key=lambda item: (-item[1].total(), item[0]))
    return [_actor_line(key, counts, len(named_in[key])) for key, counts in ranked]


def _actor_line(key: tuple[str, str], counts: Counter[str], articles: int) -> str:
    name, kind = key
    written = ", ".join(f"{form!r} {n}" for form, n in counts.most_common(_DEMO_ACTOR_FORMS))
    named = _plural(articles, "article", "articles")
    mentions = _plural(counts.total(), "mention", "mentions")
    return f"  {name} ({mentions}, {kind}, {named}): {written}"


def _statement_line(article: Article, quote: Quote) -> str:
    date = _iso(article.published) or "undated"
    text = " ".join(quote.text.split())
    if len(text) > _DEMO_STATEMENT_CHARS:
        text = text[: _DEMO_STATEMENT_CHARS - 1] + "…"
    marks = '"' if quote.kind == "direct" else ""
    return f"    {date}  {(article.outlet or '')[:23]:23}  {marks}{text}{marks}"


def _figure(quantity: Quantity) -> str:
    if quantity.low is not None and quantity.high is not None:
        number = f"{_amount(quantity.low)}-{_amount(quantity.high)}"
    else:
        number = _amount(quantity.value or 0.0)
    was = "" if quantity.previous is None else f" (was {_amount(quantity.previous)})"
    qualifier = _QUALIFIER_WORDS[quantity.approx]
    return f"{qualifier}{number} {quantity.unit}{was}  ({quantity.text!r})"


_QUALIFIER_WORDS = {
    "exact": "",
    "approximate": "about ",
    "at_least": "at least ",
    "more_than": "more than ",
    "at_most": "up to ",
    "less_than": "fewer than ",
    "nearly": "nearly ",
}


def _amount(value: float) -> str:
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.1f}"


def _schema(args: argparse.Namespace) -> int:
    print(json.dumps(schema(), indent=2))
    return EXIT_OK


# Helpers --------------------------------------------------------------------------------------


def _stdin() -> BinaryIO | None:
    """Standard input for `-`, or None where the process has none (closed, as under some CIs)."""
    return sys.stdin.buffer if sys.stdin is not None else None


def _read_options(args: argparse.Namespace) -> ReadOptions:
    return ReadOptions(max_bytes=args.max_bytes, published=args.published, outlet=args.outlet)


def _existing_store(db: str) -> Store:
    """A store to read: a SQLite file must exist already (a server's URL is always tried)."""
    if "://" not in db and not Path(db).exists():
        raise UsageError(
            f"no store at {db}", "run `sitrep ingest PATH --db ...` first, or pass --db"
        )
    return open_store(db)


@contextmanager
def _output(path: str | None) -> Iterator[IO[str]]:
    """stdout, or a file written in full or not at all (a temporary file renamed at the end)."""
    if path is None:
        yield sys.stdout
        return
    target = Path(path)
    if not target.parent.is_dir():
        raise UsageError(
            f"cannot write {path}: folder {target.parent} does not exist", "create it first"
        )
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with open(descriptor, "w", encoding="utf-8") as handle:
            yield handle
        os.replace(temporary, target)
    finally:
        Path(temporary).unlink(missing_ok=True)


@contextmanager
def _progress(label: str) -> Iterator[Callable[[Article], None]]:
    """A progress bar on stderr when it is a terminal; silent otherwise."""
    with tqdm(desc=label, unit=" articles", file=sys.stderr, disable=None, leave=False) as bar:

        def advance(_article: Article) -> None:
            bar.update()

        yield advance


def _report_problem(problem: Problem) -> None:
    _say("warning" if problem.severity is Severity.WARNING else "error", str(problem))


def _say(level: str, message: str) -> None:
    print(f"sitrep: {level}: {message}", file=sys.stderr)


def _quiet_library_loggers() -> None:
    """trafilatura and htmldate log every page they find thin; sitrep reports problems itself."""
    for name in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _ingest_summary(report: IngestReport, db: str) -> str:
    copies = (
        f", {report.copies} wire cop{'y' if report.copies == 1 else 'ies'}" if report.copies else ""
    )
    problems = (
        f"; {report.errors} error(s), {report.warnings} warning(s)"
        if report.errors or report.warnings
        else ""
    )
    return (
        f"{report.read} articles read into {db}: {report.new} new, {report.updated} updated, "
        f"{report.unchanged} unchanged{copies}{problems}"
    )


def _stats_json(stats: StoreStats) -> dict[str, Any]:
    return {
        "articles": stats.articles,
        "copies": stats.copies,
        "characters": stats.characters,
        "outlets": dict(stats.outlets),
        "first_published": _iso(stats.first_published),
        "last_published": _iso(stats.last_published),
        "undated": stats.undated,
        "inferred_dates": stats.inferred_dates,
        "annotations": dict(stats.annotations),
        "pending_reconcile": stats.pending,
    }


def _stats_text(stats: StoreStats) -> str:
    outlets = ", ".join(f"{name} ({count})" for name, count in stats.outlets.items()) or "-"
    period = (
        f"{_iso(stats.first_published)} to {_iso(stats.last_published)}"
        if stats.first_published
        else "-"
    )
    dating = [f"{stats.undated} undated"] if stats.undated else []
    dating += [f"{stats.inferred_dates} inferred from the text"] if stats.inferred_dates else []
    lines = [
        f"  articles      {stats.articles} ({_plural(stats.copies, 'wire copy', 'wire copies')},"
        f" {stats.characters:,} characters)",
        f"  outlets       {len(stats.outlets)}: {outlets}",
        f"  published     {period}" + (f" ({', '.join(dating)})" if dating else ""),
    ]
    lines += [f"  {kind:<13} {count:,}" for kind, count in stats.annotations.items()]
    if stats.pending:  # an ingest stopped before it merged them; the next one will
        lines.append(
            f"  pending       {_plural(stats.pending, 'article', 'articles')} whose events and"
            " claims are not merged yet: any `sitrep ingest` into this store merges them"
        )
    return "Store\n" + "\n".join(lines)


def _article_line(article: Article, sentences: int) -> str:
    title = article.title or "(untitled)"
    title = title if len(title) <= 60 else title[:57] + "..."
    outlet = (article.outlet or "-")[:24]
    dated = _iso(article.published) or "----------"
    return f"  {dated}  {outlet:<24}  {title:<60}  {sentences:>3} sentences"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {value!r}") from None


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number <= 0:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return number
