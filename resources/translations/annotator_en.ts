<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AgreementWindow</name>
    <message numerus="yes">
        <source>Agreement of {0} coders ({1}) on %n document(s) that all of them marked done ({2} {3} units); pooled over documents.</source>
        <translation>
            <numerusform>Agreement of {0} coders ({1}) on %n document that all of them marked done ({2} {3} units); pooled over documents.</numerusform>
            <numerusform>Agreement of {0} coders ({1}) on %n documents that all of them marked done ({2} {3} units); pooled over documents.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportRunner</name>
    <message numerus="yes">
        <source>Importing… {0} of %n document(s)</source>
        <translation>
            <numerusform>Importing… {0} of %n document</numerusform>
            <numerusform>Importing… {0} of %n documents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewController</name>
    <message numerus="yes">
        <source>Adjudicated; %n open candidate(s) left out of gold</source>
        <translation>
            <numerusform>Adjudicated; %n open candidate left out of gold</numerusform>
            <numerusform>Adjudicated; %n open candidates left out of gold</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message numerus="yes">
        <source>Disagreements (%n)</source>
        <translation>
            <numerusform>Disagreements (%n)</numerusform>
            <numerusform>Disagreements (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Agreed by every coder, not yet in gold (%n)</source>
        <translation>
            <numerusform>Agreed by every coder, not yet in gold (%n)</numerusform>
            <numerusform>Agreed by every coder, not yet in gold (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Summaries</name>
    <message numerus="yes">
        <source>%n span(s)</source>
        <translation>
            <numerusform>%n span</numerusform>
            <numerusform>%n spans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n document(s) with {0}</source>
        <translation>
            <numerusform>Imported %n document with {0}</numerusform>
            <numerusform>Imported %n documents with {0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; spans attached to %n document(s) already in the project</source>
        <translation>
            <numerusform>; spans attached to %n document already in the project</numerusform>
            <numerusform>; spans attached to %n documents already in the project</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n already in the project, skipped</source>
        <translation>
            <numerusform>; %n already in the project, skipped</numerusform>
            <numerusform>; %n already in the project, skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n document(s) with {0} to {1}</source>
        <translation>
            <numerusform>Exported %n document with {0} to {1}</numerusform>
            <numerusform>Exported %n documents with {0} to {1}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n unfinished document(s) left out</source>
        <translation>
            <numerusform>; %n unfinished document left out</numerusform>
            <numerusform>; %n unfinished documents left out</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing was exported: the export takes the documents marked done, and none of the %n document(s) is marked done by {0}.</source>
        <translation>
            <numerusform>Nothing was exported: the export takes the documents marked done, and the only document is not marked done by {0}.</numerusform>
            <numerusform>Nothing was exported: the export takes the documents marked done, and none of the %n documents is marked done by {0}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merged %n file(s).</source>
        <translation>
            <numerusform>Merged %n file.</numerusform>
            <numerusform>Merged %n files.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s): a coder has different spans for the same document here and in a copy. Nothing was merged yet: choose whose spans to keep.</source>
        <translation>
            <numerusform>%n conflict: a coder has different spans for the same document here and in a copy. Nothing was merged yet: choose whose spans to keep.</numerusform>
            <numerusform>%n conflicts: coders have different spans for the same documents here and in a copy. Nothing was merged yet: choose whose spans to keep.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamWatch</name>
    <message numerus="yes">
        <source>%n change(s) made meanwhile wait, drawn hatched, and are saved when it is back.</source>
        <translation>
            <numerusform>%n change made meanwhile waits, drawn hatched, and is saved when it is back.</numerusform>
            <numerusform>%n changes made meanwhile wait, drawn hatched, and are saved when it is back.</numerusform>
        </translation>
    </message>
</context>
</TS>
