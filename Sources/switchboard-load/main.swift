// switchboard-load: the command line is being built (issue 7); see LoadHarness.
print("switchboard-load")
