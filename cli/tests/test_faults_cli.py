"""inject-fault (ivsrt:InjectFault) from the command line, each command a separate process on
one store: a composition failed on demand, and a refused fault's error and exit status."""

CHANNEL = "channel={channelArn=arn:aws:ivs:us-east-1:123456789012:channel/abcABCdefDEg}"


def test_inject_fault(cli):
    stage = cli.json("create-stage", "--name", "s")["stage"]["arn"]
    arn = cli.json("start-composition", "--stage-arn", stage,
                   "--destinations", CHANNEL)["composition"]["arn"]
    assert cli.ok("inject-fault", "--target", arn, "--fault", "session_failure").out == ""
    got = cli.json("get-composition", "--arn", arn)["composition"]
    assert (got["state"], got["destinations"][0]["state"]) == ("FAILED", "FAILED")
    assert "endTime" in got

    again = cli.run("inject-fault", "--target", arn, "--fault", "session_failure")
    assert again.code == 254 and again.out == ""
    assert "ConflictException" in again.err
    bad = cli.run("inject-fault", "--target", arn, "--fault", "melt")
    assert bad.code == 254 and "ValidationException" in bad.err and "fault:" in bad.err
    missing = cli.run("inject-fault", "--fault", "session_failure")
    assert missing.code != 0 and "--target" in missing.err
