"""The `ivsrt` command driven as a person would: every command's success path, AWS CLI
output and error formats, exit statuses, option forms, persistence and regions."""
import json
import os
import re
import shutil
import subprocess
import tempfile

import pytest
from conftest import Result

ISO_CLI = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$")
STAGE_ARN = re.compile(r"^arn:aws:ivs:([a-z0-9-]+):(\d{12}):stage/[a-zA-Z0-9]{12}$")


def python_dumps(text):
    """What the AWS CLI prints for a response: json.dumps(indent=4, ensure_ascii=False)."""
    return json.dumps(json.loads(text), indent=4, ensure_ascii=False) + "\n"


def create_stage(cli, *args, **kw):
    return cli.json("create-stage", *args, **kw)


# ---- success paths, with the AWS CLI examples' keys and value formats ----------------------

def test_create_stage_prints_stage_and_tokens_like_the_aws_cli(cli):
    r = cli.ok("create-stage", "--name", "stage1",
               "--participant-token-configurations", "userId=alice", "userId=bob")
    assert r.out == python_dumps(r.out), "4-space indent, keys in response order"
    out = r.json()
    assert set(out) == {"stage", "participantTokens"}
    stage = out["stage"]
    assert STAGE_ARN.match(stage["arn"])
    assert stage["name"] == "stage1"
    assert stage["tags"] == {}
    assert set(stage["endpoints"]) == {"events", "whip", "rtmp", "rtmps"}
    tokens = out["participantTokens"]
    assert [t["userId"] for t in tokens] == ["alice", "bob"]
    for t in tokens:
        assert re.match(r"^[a-zA-Z0-9-_]+$", t["participantId"])
        assert t["token"].count(".") == 2
        # As AWS answers CreateStage (NOTES.md 6): no expirationTime, no duration.
        assert "expirationTime" not in t and "duration" not in t


def test_get_stage(cli):
    arn = create_stage(cli, "--name", "s")["stage"]["arn"]
    r = cli.ok("get-stage", "--arn", arn)
    assert r.out == python_dumps(r.out)
    stage = r.json()["stage"]
    assert stage["arn"] == arn and stage["name"] == "s"
    assert set(stage) >= {"arn", "name", "tags", "endpoints"}


def test_list_stages(cli):
    a = create_stage(cli, "--name", "a", "--tags", "k=v")["stage"]["arn"]
    b = create_stage(cli, "--name", "b")["stage"]["arn"]
    out = cli.json("list-stages")
    assert list(out) == ["stages"]
    by_arn = {s["arn"]: s for s in out["stages"]}
    assert set(by_arn) == {a, b}
    assert by_arn[a]["name"] == "a" and by_arn[a]["tags"] == {"k": "v"}


def test_list_stages_pages_with_max_results_and_next_token(cli):
    for name in ("a", "b", "c"):
        create_stage(cli, "--name", name)
    first = cli.json("list-stages", "--max-results", "2")
    assert len(first["stages"]) == 2 and first["nextToken"]
    rest = cli.json("list-stages", "--max-results", "2", "--next-token", first["nextToken"])
    assert len(rest["stages"]) == 1 and "nextToken" not in rest
    names = {s["name"] for s in first["stages"] + rest["stages"]}
    assert names == {"a", "b", "c"}


def test_update_stage(cli):
    arn = create_stage(cli, "--name", "before")["stage"]["arn"]
    out = cli.json("update-stage", "--arn", arn, "--name", "after")
    assert out["stage"]["name"] == "after"
    assert cli.json("get-stage", "--arn", arn)["stage"]["name"] == "after"


def test_delete_stage_prints_nothing(cli):
    arn = create_stage(cli)["stage"]["arn"]
    r = cli.ok("delete-stage", "--arn", arn)
    assert r.out == ""
    assert cli.json("list-stages")["stages"] == []


def test_create_participant_token(cli):
    arn = create_stage(cli)["stage"]["arn"]
    r = cli.ok("create-participant-token", "--stage-arn", arn, "--user-id", "bob",
               "--duration", "60", "--capabilities", "PUBLISH", "SUBSCRIBE",
               "--attributes", "role=host,seat=1")
    assert r.out == python_dumps(r.out)
    token = r.json()["participantToken"]
    assert {"participantId", "token", "expirationTime"} <= set(token)
    assert ISO_CLI.match(token["expirationTime"])
    claims = cli.json("verify-participant-token", "--token", token["token"])
    assert claims["valid"] is True
    c = claims["claims"]
    assert c["resource"] == arn
    assert c["jti"] == token["participantId"]
    assert c["user_id"] == "bob"
    assert c["attributes"] == {"role": "host", "seat": "1"}
    assert c["capabilities"] == {"allow_publish": True, "allow_subscribe": True}
    assert c["exp"] - c["iat"] == 60 * 60


def test_disconnect_participant_prints_nothing(cli):
    out = create_stage(cli, "--participant-token-configurations", "userId=a")
    arn = out["stage"]["arn"]
    pid = out["participantTokens"][0]["participantId"]
    r = cli.ok("disconnect-participant", "--stage-arn", arn, "--participant-id", pid,
               "--reason", "bye")
    assert r.out == ""


def test_tag_list_untag(cli):
    arn = create_stage(cli)["stage"]["arn"]
    assert cli.ok("tag-resource", "--resource-arn", arn, "--tags", "a=1,b=2,c=3").out == ""
    assert cli.json("list-tags-for-resource", "--resource-arn", arn) == {
        "tags": {"a": "1", "b": "2", "c": "3"}}
    assert cli.ok("untag-resource", "--resource-arn", arn, "--tag-keys", "a", "b").out == ""
    assert cli.json("list-tags-for-resource", "--resource-arn", arn) == {"tags": {"c": "3"}}


def test_verify_participant_token_reports_a_bad_token(cli):
    out = cli.json("verify-participant-token", "--token", "not-a-token")
    assert out["valid"] is False
    assert out["reason"] == "malformed"


# ---- storage and encoder configurations (the AWS CLI examples' commands and outputs) ---------

STORAGE_ARN = re.compile(r"^arn:aws:ivs:us-east-1:\d{12}:storage-configuration/[a-zA-Z0-9]{12}$")
ENCODER_ARN = re.compile(r"^arn:aws:ivs:us-east-1:\d{12}:encoder-configuration/[a-zA-Z0-9]{12}$")


def create_storage(cli, *args):
    return cli.json("create-storage-configuration", *args)["storageConfiguration"]


def test_storage_configuration_commands(cli):
    r = cli.ok("create-storage-configuration", "--name", "test-sc",
               "--s3", "bucketName=test-bucket-name")
    assert r.out == python_dumps(r.out)
    out = r.json()
    assert list(out) == ["storageConfiguration"]
    sc = out["storageConfiguration"]
    assert STORAGE_ARN.match(sc["arn"]), sc["arn"]
    assert sc == {"arn": sc["arn"], "name": "test-sc", "s3": {"bucketName": "test-bucket-name"},
                  "tags": {}}
    assert cli.json("get-storage-configuration", "--arn", sc["arn"]) == out
    other = create_storage(cli, "--s3", '{"bucketName": "test-bucket-2-name"}',
                           "--tags", "team=video")
    assert other["name"] == "" and other["tags"] == {"team": "video"}
    assert cli.json("list-storage-configurations") == {"storageConfigurations": [sc, other]}
    first = cli.json("list-storage-configurations", "--max-results", "1")
    assert first["storageConfigurations"] == [sc] and first["nextToken"]
    assert cli.json("list-storage-configurations", "--next-token", first["nextToken"]) == {
        "storageConfigurations": [other]}

    assert cli.ok("delete-storage-configuration", "--arn", sc["arn"]).out == ""
    r = cli.run("get-storage-configuration", "--arn", sc["arn"])
    assert r.code == 254 and r.out == ""
    assert "An error occurred (ResourceNotFoundException) when calling the " \
           "GetStorageConfiguration operation: " in r.err


def test_encoder_configuration_commands(cli):
    r = cli.ok("create-encoder-configuration", "--name", "test-ec",
               "--video", "bitrate=3500000,framerate=30.0,height=1080,width=1920")
    assert r.out == python_dumps(r.out)
    ec = r.json()["encoderConfiguration"]
    assert ENCODER_ARN.match(ec["arn"]), ec["arn"]
    assert ec == {"arn": ec["arn"], "name": "test-ec", "tags": {},
                  "video": {"bitrate": 3500000, "framerate": 30, "height": 1080, "width": 1920}}
    assert '"framerate": 30,' in r.out  # as the AWS CLI example prints it, not 30.0
    assert cli.json("get-encoder-configuration", "--arn", ec["arn"])["encoderConfiguration"] == ec

    defaults = cli.json("create-encoder-configuration")["encoderConfiguration"]
    assert defaults["video"] == {"bitrate": 2500000, "framerate": 30, "height": 720,
                                 "width": 1280}
    ntsc = cli.json("create-encoder-configuration",
                    "--video", '{"width": 1080, "height": 1920, "framerate": 29.97}')
    assert ntsc["encoderConfiguration"]["video"]["framerate"] == 29.97

    listed = cli.json("list-encoder-configurations")["encoderConfigurations"]
    assert [list(s) for s in listed] == [["arn", "name", "tags"]] * 3
    assert listed[0] == {"arn": ec["arn"], "name": "test-ec", "tags": {}}

    assert cli.ok("delete-encoder-configuration", "--arn", ec["arn"]).out == ""
    assert len(cli.json("list-encoder-configurations")["encoderConfigurations"]) == 2


# The AWS CLI examples print the members in alphabetical order, as every stage output here
# does: encoderConfiguration is {arn, name, tags, video}.
def test_configurations_print_members_in_the_aws_cli_examples_order(cli):
    sc = create_storage(cli, "--name", "test-sc", "--s3", "bucketName=test-bucket-name")
    assert list(sc) == ["arn", "name", "s3", "tags"]
    ec = cli.json("create-encoder-configuration", "--name", "test-ec")["encoderConfiguration"]
    assert list(ec) == ["arn", "name", "tags", "video"]
    assert list(ec["video"]) == ["bitrate", "framerate", "height", "width"]


@pytest.mark.parametrize("args, member", [
    (["create-encoder-configuration", "--video", "width=1922,height=1080"], "video.width"),
    (["create-encoder-configuration", "--video", "width=1920,height=1082"], "video"),
    (["create-encoder-configuration", "--video", "width=641,height=360"], "video.width"),
    (["create-encoder-configuration", "--video", "framerate=60.5"], "video.framerate"),
    (["create-encoder-configuration", "--video", "bitrate=8500001"], "video.bitrate"),
    (["create-storage-configuration", "--s3", "bucketName=ab"], "s3.bucketName"),
    (["create-storage-configuration", "--s3", "bucketName=My_Bucket"], "s3.bucketName"),
])
def test_configuration_validation_errors_exit_254(cli, args, member):
    r = cli.run(*args)
    assert r.code == 254 and r.out == ""
    operation = "".join(w.capitalize() for w in args[0].split("-"))
    m = re.search(r"^An error occurred \(ValidationException\) when calling the "
                  rf"{operation} operation: (.+)$", r.err, re.M)
    assert m and m.group(1).startswith(member), r.err


def test_deleting_a_storage_configuration_in_use_is_a_conflict(cli):
    sc = create_storage(cli, "--s3", "bucketName=recordings")["arn"]
    stage = create_stage(cli, "--auto-participant-recording-configuration",
                         f"storageConfigurationArn={sc}")["stage"]
    assert stage["autoParticipantRecordingConfiguration"]["storageConfigurationArn"] == sc
    r = cli.run("delete-storage-configuration", "--arn", sc)
    assert r.code == 254
    assert r.out == ""
    assert re.search(r"^An error occurred \(ConflictException\) when calling the "
                     r"DeleteStorageConfiguration operation: .+$", r.err, re.M), r.err
    assert stage["arn"] in r.err
    assert cli.json("get-storage-configuration", "--arn", sc)["storageConfiguration"]["arn"] == sc

    cli.ok("update-stage", "--arn", stage["arn"], "--auto-participant-recording-configuration",
           "storageConfigurationArn=")
    assert cli.ok("delete-storage-configuration", "--arn", sc).out == ""
    assert cli.json("list-storage-configurations") == {"storageConfigurations": []}


# ---- errors ---------------------------------------------------------------------------------

def test_service_error_is_reported_like_the_aws_cli_with_status_254(cli):
    r = cli.run("create-stage", "--name", "has spaces")
    assert r.code == 254
    assert r.out == ""
    assert re.search(r"^An error occurred \(ValidationException\) when calling the "
                     r"CreateStage operation: .+$", r.err, re.M), r.err


def test_missing_resource_is_resource_not_found(cli):
    r = cli.run("get-stage", "--arn", "arn:aws:ivs:us-east-1:123456789012:stage/abcdABCDefgh")
    assert r.code == 254
    assert "An error occurred (ResourceNotFoundException) when calling the GetStage " \
           "operation: " in r.err


@pytest.mark.parametrize("args, problem", [
    (["frobnicate"], "argument command: Invalid choice 'frobnicate'"),
    (["list-stages", "--bogus", "1"], "Unknown options: --bogus, 1"),
    (["get-stage"], "the following arguments are required: --arn"),
    (["untag-resource", "--resource-arn", "x"],
     "the following arguments are required: --tag-keys"),
    (["get-stage", "--arn"], "argument --arn: expected one argument"),
    (["create-stage", "--tags", '{"a": '], "Error parsing parameter '--tags': Invalid JSON"),
    (["create-stage", "--tags", "novalue"], "Error parsing parameter '--tags': Expected: '='"),
    (["create-stage", "--participant-token-configurations", "user=alice"],
     "Error parsing parameter '--participant-token-configurations': "
     'Unknown parameter in participantTokenConfigurations[0]: "user"'),
    (["create-participant-token", "--stage-arn", "x", "--duration", "ten"],
     "Error parsing parameter '--duration': invalid literal for int()"),
    (["get-stage", "--cli-input-json", "{oops"],
     "Error parsing parameter '--cli-input-json': Invalid JSON"),
    (["get-stage", "--cli-input-json", "file:///nonexistent/input.json"],
     "Error parsing parameter '--cli-input-json': "
     "Unable to load paramfile file:///nonexistent/input.json"),
    ([], "the following arguments are required: command"),
])
def test_usage_errors_exit_252_with_a_usage_line(cli, args, problem):
    r = cli.run(*args)
    assert r.code == 252, r.err
    assert r.out == ""
    assert r.err.startswith("usage: ivsrt [global options] <command> [parameters]\n")
    assert f"ivsrt: error: {problem}" in r.err


# ---- hostile input: a usage error (252) with a short message, never a crash or a hang ------

# The engine's request size limit (kMaxRequestBytes, core/dispatcher.h): the README's 1 MiB.
MAX_REQUEST_BYTES = 1 << 20
# No error message quotes more of a value than this.
SHORT_MESSAGE = 1024


def nested_objects(levels):
    return '{"a": ' * levels + "1" + "}" * levels


def assert_usage_error(r, problem):
    assert r.code == 252, (r.code, r.err[:500])
    assert r.out == ""
    assert problem in r.err, r.err[:500]
    assert len(r.err) < SHORT_MESSAGE, r.err[:500]


@pytest.mark.parametrize("args", [
    ["create-stage", "--cli-input-json", '{"tags": ' + nested_objects(15000) + "}"],
    ["create-stage", "--cli-input-json", "[" * 15000 + "]" * 15000],
    ["create-stage", "--tags", nested_objects(15000)],
    ["create-stage", "--participant-token-configurations", "[" * 15000 + "]" * 15000],
    ["create-stage", "--tags", "a=" + "{b=" * 15000 + "c" + "}" * 15000],
], ids=["cli-input-json object", "cli-input-json array", "json option", "json list option",
        "shorthand option"])
def test_deeply_nested_input_is_a_usage_error_not_a_crash(cli, args):
    assert_usage_error(cli.run(*args), "must not nest deeper than 64 levels")


def test_deeply_nested_param_file_is_a_usage_error(cli, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"tags": ' + nested_objects(15000) + "}")
    assert_usage_error(cli.run("create-stage", "--cli-input-json", f"file://{path}"),
                       "must not nest deeper than 64 levels")


def test_nesting_as_deep_as_the_engine_accepts_is_passed_on(cli):
    # The request's own object and 63 levels more are what the engine accepts (it skips the
    # unknown member), so the command must pass them on; one level more is refused.
    request = '{"name": "deep", "x": ' + nested_objects(63) + "}"
    assert create_stage(cli, "--cli-input-json", request)["stage"]["name"] == "deep"
    deeper = '{"name": "deep", "x": ' + nested_objects(64) + "}"
    assert_usage_error(cli.run("create-stage", "--cli-input-json", deeper),
                       "must not nest deeper than 64 levels")


@pytest.mark.parametrize("flag", ["--cli-input-json", "--name"])
def test_endless_param_file_is_refused_promptly(cli, flag):
    r = cli.run("create-stage", flag, "file:///dev/zero", timeout=30, max_memory=1 << 30)
    assert_usage_error(r, f"Unable to load paramfile file:///dev/zero: larger than "
                          f"{MAX_REQUEST_BYTES} bytes")


def test_param_file_is_bounded_by_the_engine_request_limit(cli, tmp_path):
    request = '{"name": "big"}'
    path = tmp_path / "req.json"
    path.write_text(request + " " * (MAX_REQUEST_BYTES - len(request)))
    assert cli.json("create-stage", "--cli-input-json", f"file://{path}")["stage"][
        "name"] == "big"
    with open(path, "a") as f:
        f.write(" ")
    assert_usage_error(cli.run("create-stage", "--cli-input-json", f"file://{path}"),
                       f"larger than {MAX_REQUEST_BYTES} bytes")


def test_directory_and_fifo_param_files_are_usage_errors_not_hangs(cli, tmp_path):
    assert_usage_error(cli.run("create-stage", "--cli-input-json", f"file://{tmp_path}",
                               timeout=30),
                       ": Is a directory")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    # Nobody writes to it: it reads as empty, which is no JSON.
    assert_usage_error(cli.run("create-stage", "--cli-input-json", f"file://{fifo}",
                               timeout=30),
                       "Invalid JSON")


def test_unreadable_param_file_is_a_usage_error(cli, tmp_path):
    if os.geteuid() != 0:
        path = tmp_path / "secret.json"
        path.write_text("{}")
        path.chmod(0)
        assert_usage_error(cli.run("create-stage", "--cli-input-json", f"file://{path}"),
                           "Permission denied")
        return
    # Root reads a file whatever its mode, so as root the command runs as "nobody", from
    # a directory "nobody" can enter (the checkout and pytest's tmp_path may be 0700).
    shared = tempfile.mkdtemp(prefix="ivsrt-nobody-")
    try:
        os.chmod(shared, 0o755)
        binary = shutil.copy2(cli.binary, os.path.join(shared, "ivsrt"))
        path = os.path.join(shared, "secret.json")
        with open(path, "w") as f:
            f.write("{}")
        os.chmod(path, 0)
        p = subprocess.run([binary, "create-stage", "--cli-input-json", f"file://{path}"],
                           capture_output=True, text=True, timeout=60, user=65534, group=65534,
                           env=dict(cli.env, HOME=shared))
        assert_usage_error(Result(p.returncode, p.stdout, p.stderr), "Permission denied")
    finally:
        shutil.rmtree(shared)


BIG = "x" * 50_000


@pytest.mark.parametrize("args,problem", [
    (["create-stage", "--cli-input-json", BIG], "Invalid JSON"),
    (["create-stage", "--tags", '{"' + BIG], "Invalid JSON"),
    (["create-stage", "--tags", BIG], "Expected: '='"),
    (["create-stage", "--tags", f"k=v,{BIG}=1,{BIG}=2"], "Second instance of key"),
    (["create-stage", "--participant-token-configurations", f"userId=a,{BIG}=1"],
     "Unknown parameter in participantTokenConfigurations[0]"),
    (["create-participant-token", "--stage-arn", "x", "--duration", BIG],
     "invalid literal for int()"),
    (["create-stage", "--name", f"file:///{BIG}"], "Unable to load paramfile"),
    ([BIG], "Invalid choice"),
    (["list-stages", f"--{BIG}"], "Unknown options"),
    (["list-stages", "--output", BIG], "only 'json' is supported"),
], ids=["cli-input-json", "json option", "shorthand", "repeated key", "unknown member",
        "integer", "param file path", "command", "option", "output"])
def test_a_50kb_bad_value_gets_a_short_message(cli, args, problem):
    assert_usage_error(cli.run(*args), problem)


def test_unusable_engine_options_exit_253(cli):
    r = cli.run("list-stages", "--account-id", "not-an-account")
    assert r.code == 253
    assert r.err.startswith("ivsrt: error: ")


def test_a_store_that_cannot_be_opened_exits_253_promptly(cli, tmp_path):
    garbage = tmp_path / "garbage"
    garbage.mkdir()
    (garbage / "data.mdb").write_bytes(os.urandom(100_000))
    a_file = tmp_path / "a-file"
    a_file.write_text("x\n")
    for data_dir, problem in [(garbage, "not an LMDB file"), (a_file, "Not a directory")]:
        r = cli.run("--data-dir", str(data_dir), "list-stages", data_dir=False, timeout=20)
        assert r.code == 253, r.err
        assert r.err.startswith("ivsrt: error: ") and problem in r.err


# ---- option forms ---------------------------------------------------------------------------

def test_json_and_shorthand_forms_are_equivalent(cli):
    json_form = create_stage(
        cli, "--name", "j",
        "--participant-token-configurations",
        '[{"userId": "u1", "duration": 30, "capabilities": ["SUBSCRIBE"],'
        ' "attributes": {"k": "v"}}, {"userId": "u2"}]',
        "--tags", '{"team": "video", "env": "dev"}')
    short_form = create_stage(
        cli, "--name", "j",
        "--participant-token-configurations",
        "userId=u1,duration=30,capabilities=SUBSCRIBE,attributes={k=v}", "userId=u2",
        "--tags", "team=video,env=dev")
    for out in (json_form, short_form):
        assert out["stage"]["tags"] == {"team": "video", "env": "dev"}
        first, second = out["participantTokens"]
        assert first["userId"] == "u1" and second["userId"] == "u2"
        claims = cli.json("verify-participant-token", "--token", first["token"])["claims"]
        assert claims["capabilities"] == {"allow_subscribe": True}
        assert claims["attributes"] == {"k": "v"}
        assert claims["exp"] - claims["iat"] == 30 * 60


def test_structure_option_in_shorthand_and_json(cli):
    arn = create_stage(cli)["stage"]["arn"]
    short = cli.json("update-stage", "--arn", arn,
                     "--auto-participant-recording-configuration",
                     "storageConfigurationArn=,mediaTypes=AUDIO_VIDEO")
    as_json = cli.json("update-stage", "--arn", arn,
                       "--auto-participant-recording-configuration",
                       '{"storageConfigurationArn": "", "mediaTypes": ["AUDIO_VIDEO"]}')
    assert short == as_json


def test_equals_form_of_options(cli):
    arn = create_stage(cli, "--name=eq")["stage"]["arn"]
    assert cli.json("get-stage", f"--arn={arn}")["stage"]["name"] == "eq"


def test_cli_input_json_inline_file_and_override(cli, tmp_path):
    arn = create_stage(cli, "--cli-input-json", '{"name": "from-json", "tags": {"a": "b"}}')[
        "stage"]["arn"]
    assert cli.json("get-stage", "--arn", arn)["stage"]["tags"] == {"a": "b"}
    request = tmp_path / "get.json"
    request.write_text(json.dumps({"arn": arn}))
    assert cli.json("get-stage", "--cli-input-json", f"file://{request}")["stage"][
        "name"] == "from-json"
    overridden = create_stage(cli, "--cli-input-json", '{"name": "json"}', "--name", "flag")
    assert overridden["stage"]["name"] == "flag"


def test_generate_cli_skeleton_round_trips_through_cli_input_json(cli, tmp_path):
    r = cli.ok("create-participant-token", "--generate-cli-skeleton")
    skeleton = r.json()
    assert list(skeleton) == ["stageArn", "duration", "userId", "attributes", "capabilities"]
    assert skeleton["capabilities"] == ["PUBLISH"]
    arn = create_stage(cli)["stage"]["arn"]
    skeleton.update(stageArn=arn, duration=5, attributes={})
    path = tmp_path / "req.json"
    path.write_text(json.dumps(skeleton))
    token = cli.json("create-participant-token", "--cli-input-json", f"file://{path}")
    assert token["participantToken"]["participantId"]
    assert "stage" in cli.json("get-stage", "--generate-cli-skeleton", "output")


def test_skeleton_and_help_need_no_store(cli):
    r = cli.run("create-stage", "--generate-cli-skeleton", data_dir=False,
                env={"HOME": "/nonexistent"})
    assert r.code == 0
    assert not os.path.exists(cli.data_dir)


# ---- state ----------------------------------------------------------------------------------

def test_state_persists_across_invocations(cli):
    arn = create_stage(cli, "--name", "a")["stage"]["arn"]
    assert [s["arn"] for s in cli.json("list-stages")["stages"]] == [arn]


def test_regions_keep_separate_stages(cli):
    east = create_stage(cli, "--name", "east")["stage"]["arn"]
    west = create_stage(cli, "--name", "west", "--region", "us-west-2")["stage"]["arn"]
    assert STAGE_ARN.match(east).group(1) == "us-east-1"
    assert STAGE_ARN.match(west).group(1) == "us-west-2"
    assert [s["arn"] for s in cli.json("list-stages")["stages"]] == [east]
    assert [s["arn"] for s in cli.json("--region", "us-west-2", "list-stages")["stages"]] == [west]
    # The environment picks the region too: AWS_REGION first, then AWS_DEFAULT_REGION.
    assert [s["arn"] for s in cli.json("list-stages", env={"AWS_DEFAULT_REGION": "us-west-2"})[
        "stages"]] == [west]
    assert [s["arn"] for s in cli.json("list-stages", env={
        "AWS_REGION": "us-east-1", "AWS_DEFAULT_REGION": "us-west-2"})["stages"]] == [east]
    r = cli.run("get-stage", "--arn", west)
    assert r.code == 254


def test_account_id_appears_in_arns(cli):
    arn = create_stage(cli, "--account-id", "111122223333")["stage"]["arn"]
    assert STAGE_ARN.match(arn).group(2) == "111122223333"


def test_default_store_is_created_under_xdg_data_home_or_home(cli, tmp_path):
    xdg = tmp_path / "xdg"
    arn = create_stage(cli, data_dir=False, env={"XDG_DATA_HOME": str(xdg)})["stage"]["arn"]
    assert (xdg / "ivsrt").is_dir()
    assert [s["arn"] for s in cli.json("list-stages", data_dir=False, env={
        "XDG_DATA_HOME": str(xdg)})["stages"]] == [arn]
    create_stage(cli, data_dir=False)
    assert (tmp_path / "home" / ".local" / "share" / "ivsrt").is_dir()


def test_data_dir_option_beats_the_environment(cli, tmp_path):
    other = tmp_path / "other"
    create_stage(cli, "--data-dir", str(other))
    assert cli.json("list-stages")["stages"] == []
    assert len(cli.json("list-stages", "--data-dir", str(other))["stages"]) == 1


# ---- help and version -----------------------------------------------------------------------

def test_help_lists_every_command(cli):
    out = cli.ok("help").out
    for name in ("create-stage", "get-stage", "list-stages", "update-stage", "delete-stage",
                 "create-participant-token", "disconnect-participant", "tag-resource",
                 "untag-resource", "list-tags-for-resource", "verify-participant-token",
                 "create-storage-configuration", "get-storage-configuration",
                 "list-storage-configurations", "delete-storage-configuration",
                 "create-encoder-configuration", "get-encoder-configuration",
                 "list-encoder-configurations", "delete-encoder-configuration"):
        assert f"o {name}\n" in out


def test_command_help_describes_its_options(cli):
    out = cli.ok("create-stage", "help").out
    for flag in ("--name", "--participant-token-configurations", "--tags",
                 "--auto-participant-recording-configuration", "--cli-input-json",
                 "--generate-cli-skeleton"):
        assert flag in out
    assert "Shorthand Syntax" in out and "JSON Syntax" in out
    assert "--arn <value>" in cli.ok("get-stage", "help").out


def test_version(cli):
    r = cli.ok("--version")
    assert re.match(r"^ivsrt-cli/\d+\.\d+\.\d+ libivsrt/\d+\.\d+\.\d+", r.out)


# ---- the README demo ------------------------------------------------------------------------

def test_demo_runs_on_a_fresh_default_store(cli, tmp_path):
    demo = os.environ.get("IVSRT_DEMO")
    if not demo:
        pytest.skip("IVSRT_DEMO not set")
    env = dict(cli.env, IVSRT=cli.binary, XDG_DATA_HOME=str(tmp_path / "xdg"))
    for _ in range(2):  # idempotent on the same store
        p = subprocess.run(["bash", demo], capture_output=True, text=True, env=env, timeout=120)
        assert p.returncode == 0, p.stdout + p.stderr
        assert "$ ivsrt delete-stage" in p.stdout
        assert "An error occurred (ResourceNotFoundException)" in p.stdout
    assert cli.json("list-stages", data_dir=False, env={"XDG_DATA_HOME": str(tmp_path / "xdg")})[
        "stages"] == []
