"""The bench's own logic, without running it: reading wrk's output, the Lua script, shares and the targets' verdicts.

Nothing here times anything (`make bench` does, bench/README.md)."""

from __future__ import annotations

import pytest

from bench import report, wrk

# What wrk 4.1 prints with `--latency` and the bench's script (bench.wrk.script), trimmed of nothing.
OUTPUT = """Running 10s test @ http://127.0.0.1:40001
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     8.03ms    2.11ms  41.20ms   80.12%
    Req/Sec     1.00k   120.00     1.30k    70.00%
  Latency Distribution
     50%    7.80ms
     75%    9.00ms
     90%   10.50ms
     99%   17.30ms
  20000 requests in 10.00s, 3.10MB read
  Non-2xx or 3xx responses: 12
Requests/sec:   1999.87
Transfer/sec:    317.41KB
BENCH-RESULT requests=20000 duration_us=10001000 p50_us=7800 p95_us=12250 p99_us=17300 connect=0 read=2 write=0 \
status=12 timeout=3
"""


def result(rps: float, p95_ms: float = 10.0) -> wrk.Result:
    return wrk.Result(requests=int(rps * 10), seconds=10, rps=rps, p50_ms=p95_ms / 2, p95_ms=p95_ms, p99_ms=p95_ms * 2)


def test_wrk_output_is_read():
    read = wrk.parse(OUTPUT)
    assert read.requests == 20000
    assert read.rps == pytest.approx(1999.87)
    assert (read.p50_ms, read.p95_ms, read.p99_ms) == (7.8, 12.25, 17.3)
    assert read.seconds == pytest.approx(10.001)
    assert read.errors == {"read": 2, "status": 12, "timeout": 3}
    assert read.failed == 17


def test_output_without_the_scripts_line_is_refused():
    with pytest.raises(ValueError, match="no result line"):
        wrk.parse(OUTPUT.split("BENCH-RESULT")[0])


def test_requests_per_second_from_the_counts_when_wrk_prints_none():
    read = wrk.parse(OUTPUT.replace("Requests/sec:   1999.87\n", ""))
    assert read.rps == pytest.approx(20000 / 10.001)


def test_the_script_sends_each_item_with_its_cookie_and_body():
    target = wrk.Target(
        "save",
        "Save",
        "POST",
        (wrk.Item("/sv/q/a", "ix_session=one", "x=1&y=]]"), wrk.Item("/sv/q/a", "ix_session=two", "x=2")),
        302,
    )
    lua = wrk.script(target, threads=2)
    assert "cookie = [[ix_session=one]]" in lua
    assert "body = [=[x=1&y=]]]=]" in lua  # a body holding "]]" gets longer brackets, not a broken script
    assert "local content_type = [[application/x-www-form-urlencoded]]" in lua
    assert "wrk.format([[POST]], item.path, headers, body)" in lua
    assert "latency:percentile(95)" in lua


def test_items_must_share_out_evenly_between_the_threads():
    target = wrk.Target("q", "Q", "GET", (wrk.Item("/a"), wrk.Item("/b"), wrk.Item("/c")))
    with pytest.raises(ValueError, match="multiple of the threads"):
        wrk.script(target, threads=2)


def test_wrk_is_given_the_settings(tmp_path):
    script = tmp_path / "x.lua"
    given = wrk.command("http://127.0.0.1:1", script, threads=2, connections=16, seconds=10, timeout=30)
    assert given == [
        "wrk",
        "-t2",
        "-c16",
        "-d10s",
        "--timeout=30s",
        "--latency",
        "-s",
        str(script),
        "http://127.0.0.1:1",
    ]


def rows(**results: wrk.Result | None) -> list[report.Row]:
    return [report.Row(key, key, value, "" if value else "answered 500") for key, value in results.items()]


def verdicts(found: list[report.Row], baseline: wrk.Result | None) -> dict[str, str]:
    return {text.split(":")[0]: verdict for text, verdict in report.goals_met(found, baseline)}


def test_shares_are_of_the_baselines_requests_per_second():
    assert report.Row("q", "Q", result(1500)).share(result(6000)) == pytest.approx(0.25)
    assert report.Row("q", "Q", None).share(result(6000)) is None


def test_every_target_met():
    baseline = result(1000)
    found = rows(
        start=result(300), question=result(500), save=result(300), check=result(250),
        queue=result(100, 49), queue_filtered=result(100, 49), case=result(100, 49),
        statistics=result(10, 299), interpreter_pdf=result(100, 249),
    )  # fmt: skip
    assert set(verdicts(found, baseline).values()) == {"met"}


def test_each_target_missed_is_named_with_the_rows_that_miss_it():
    baseline = result(1000)
    found = rows(
        start=result(249), question=result(499), save=result(299), check=result(300),
        queue=result(100, 50), queue_filtered=result(100, 10), case=result(100, 80),
        statistics=result(10, 300), interpreter_pdf=result(100, 2000),
    )  # fmt: skip
    said = verdicts(found, baseline)
    assert said["A question page"] == "not met (question)"
    assert said["Saving a page"] == "not met (save)"
    assert said["Every applicant page"] == "not met (start)"  # 24.9%; the others are above 25%
    assert said["Queue and case view"] == "not met (queue, case)"
    assert said["Statistics"] == "not met (statistics)"
    assert said["Interpreter PDF from its cache"] == "not met (interpreter_pdf)"


def test_a_page_that_failed_is_not_measured_and_failed_requests_are_told():
    failing = wrk.Result(requests=100, seconds=10, rps=1000, p50_ms=1, p95_ms=2, p99_ms=3, errors={"status": 4})
    found = rows(question=None, queue=failing, queue_filtered=result(100, 10), case=result(100, 10))
    said = verdicts(found, result(1000))
    assert said["A question page"] == "not measured"
    assert said["Queue and case view"] == "met; with failed requests (queue)"
    assert said["Statistics"] == "not measured"


def test_the_table_shows_figures_shares_and_failures():
    baseline = result(2000)
    failing = wrk.Result(requests=5, seconds=10, rps=0.5, p50_ms=1500, p95_ms=2900, p99_ms=3100, errors={"timeout": 7})
    lines = report.table([report.Row("q", "Question", result(1000, 12.34)), report.Row("s", "Queue", failing),
                          report.Row("x", "Statistics", None, "answered 500")], baseline)  # fmt: skip
    assert lines[2] == "| Question | 1000.0 | 6.2 | 12.3 | 24.7 | 50% |  |"
    assert lines[3] == '| Queue | 0.5 | 1500 | 2900 | 3100 | 0% | 7 {"timeout": 7} |'
    assert lines[4] == "| Statistics | - | - | - | - | - | answered 500 |"
