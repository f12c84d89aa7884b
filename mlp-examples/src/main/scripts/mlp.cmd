@echo off
rem mlp: the mlp command line with the faster vector backend on. It starts the JVM with the
rem JDK's incubating Vector API (--add-modules jdk.incubator.vector), which a jar's manifest cannot
rem add; "java -jar mlp-examples.jar" works too, on the plain-Java backend.
rem
rem The JVM: %JAVA_HOME%\bin\java if JAVA_HOME is set, else java on the PATH (Java 17 or later).
rem More JVM options: MLP_JAVA_OPTS, e.g. set MLP_JAVA_OPTS=-Xmx8g -Dmlp.threads=2
setlocal
set "JAR=%~dp0mlp-examples.jar"
if not exist "%JAR%" (
    echo mlp: cannot find %JAR% ^(the launcher must stay beside the jar^) 1>&2
    exit /b 1
)
if defined JAVA_HOME (set "JAVACMD=%JAVA_HOME%\bin\java.exe") else (set "JAVACMD=java")
"%JAVACMD%" --add-modules jdk.incubator.vector %MLP_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
