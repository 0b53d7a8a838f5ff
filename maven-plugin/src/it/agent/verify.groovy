// The tests passed with the agent found by its coordinates, and nothing was rewritten on disk.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0') : 'the tests did not all run and pass'
def plain = { String path -> !new String(new File(basedir, path).bytes, 'ISO-8859-1').contains('dev/jcoro/internal/Instrumented') }
assert plain('target/classes/demo/Countdown.class') : 'Countdown was rewritten on disk: the agent was not what made it suspend'
return true
