<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ChartExport</name>
    <message numerus="yes">
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>Last %n day</numerusform>
            <numerusform>Last %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message numerus="yes">
        <source>%n regression(s)</source>
        <translation>
            <numerusform>%n regression</numerusform>
            <numerusform>%n regressions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportJobsDialog</name>
    <message numerus="yes">
        <source>%n job(s) served from a result cache: never offered as an after job without confirmation.</source>
        <translation>
            <numerusform>%n job served from a result cache: never offered as an after job without confirmation.</numerusform>
            <numerusform>%n jobs served from a result cache: never offered as an after job without confirmation.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) rejected:</source>
        <translation>
            <numerusform>%n record rejected:</numerusform>
            <numerusform>%n records rejected:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more: Show Details lists them.</source>
        <translation>
            <numerusform>… and %n more: Show Details lists it.</numerusform>
            <numerusform>… and %n more: Show Details lists them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobsPage</name>
    <message numerus="yes">
        <source>%Ln job(s)</source>
        <translation>
            <numerusform>%Ln job</numerusform>
            <numerusform>%Ln jobs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of %1 job(s) match &apos;%2&apos;</source>
        <translation>
            <numerusform>%Ln of %1 jobs matches &apos;%2&apos;</numerusform>
            <numerusform>%Ln of %1 jobs match &apos;%2&apos;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, showing the first %Ln</source>
        <comment>a count of jobs, then how many of them are listed</comment>
        <translation>
            <numerusform>%1, showing the first one</numerusform>
            <numerusform>%1, showing the first %Ln</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>Last %n day</numerusform>
            <numerusform>Last %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recorded</source>
        <translation>
            <numerusform>%n recorded</numerusform>
            <numerusform>%n recorded</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected</source>
        <translation>
            <numerusform>%n rejected</numerusform>
            <numerusform>%n rejected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n measurement(s) to %1</source>
        <translation>
            <numerusform>Wrote %n measurement to %1</numerusform>
            <numerusform>Wrote %n measurements to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Judged %n measurement(s) again with a tolerance of %1 points: %2 changed.</source>
        <translation>
            <numerusform>Judged %n measurement again with a tolerance of %1 points: %2 changed.</numerusform>
            <numerusform>Judged %n measurements again with a tolerance of %1 points: %2 changed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message numerus="yes">
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>Last %n day</numerusform>
            <numerusform>Last %n days</numerusform>
        </translation>
    </message>
</context>
</TS>
