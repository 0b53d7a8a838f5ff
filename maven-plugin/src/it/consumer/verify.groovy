// The tests ran (without -javaagent: the pom sets no argLine) and passed, and the classes carry the mark.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0') : 'the consumer tests did not all run and pass'
assert !log.contains('javaagent')
def marked = { String path -> new String(new File(basedir, path).bytes, 'ISO-8859-1').contains('dev/jcoro/internal/Instrumented') }
assert marked('target/classes/demo/Countdown.class') : 'instrument did not rewrite Countdown'
assert marked('target/test-classes/demo/CountdownTest.class') : 'instrument-tests did not rewrite CountdownTest'
return true
