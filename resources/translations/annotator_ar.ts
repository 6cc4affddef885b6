<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>AgreedPanel</name>
    <message>
        <source>accept relation {0}</source>
        <translation>قبول العلاقة {0}</translation>
    </message>
    <message>
        <source>accept {0}</source>
        <translation>قبول {0}</translation>
    </message>
    <message>
        <source>Agreed</source>
        <translation>المتفق عليه</translation>
    </message>
    <message>
        <source>What</source>
        <translation>ماذا</translation>
    </message>
    <message>
        <source>Coders</source>
        <translation>المرمّزون</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>قبول</translation>
    </message>
    <message>
        <source>Accept all</source>
        <translation>قبول الكل</translation>
    </message>
    <message>
        <source>{0} agreed here: ↑/↓ choose, Enter accepts, Escape goes back to the text</source>
        <translation>متفق عليه هنا: {0}. ↑/↓ للاختيار، Enter للقبول، Escape للعودة إلى النص</translation>
    </message>
    <message>
        <source>relation</source>
        <translation>علاقة</translation>
    </message>
    <message>
        <source>attribute</source>
        <translation>سمة</translation>
    </message>
    <message>
        <source>Every compared coder made these; accept them into the gold layer (Enter).</source>
        <translation>وضع هذه كلُّ المرمّزين المقارَنين؛ اقبلها في طبقة المعيار الذهبي (Enter).</translation>
    </message>
    <message>
        <source>No agreed relation or attribute waits here.</source>
        <translation>لا علاقة ولا سمة متفق عليها تنتظر هنا.</translation>
    </message>
    <message>
        <source>accept all agreed</source>
        <translation>قبول كل المتفق عليه</translation>
    </message>
    <message>
        <source>Agreed relations and attributes</source>
        <translation>العلاقات والسمات المتفق عليها</translation>
    </message>
</context>
<context>
    <name>AgreementWindow</name>
    <message>
        <source>Inter-annotator agreement</source>
        <translation>الاتفاق بين المرمّزين</translation>
    </message>
    <message>
        <source>character</source>
        <translation>حرف</translation>
    </message>
    <message>
        <source>token</source>
        <translation>كلمة</translation>
    </message>
    <message numerus="yes">
        <source>Agreement of {0} coders ({1}) on %n document(s) that all of them marked done ({2} {3} units); pooled over documents.</source>
        <translation>
            <numerusform>الاتفاق بين {0} مرمّزين ({1}) على %n وثيقة أنهوها جميعًا ({2} وحدة، الوحدة: {3})؛ القيم مجمّعة على الوثائق.</numerusform>
            <numerusform>الاتفاق بين {0} مرمّزين ({1}) على وثيقة واحدة أنهوها جميعًا ({2} وحدة، الوحدة: {3})؛ القيم مجمّعة على الوثائق.</numerusform>
            <numerusform>الاتفاق بين {0} مرمّزين ({1}) على وثيقتين أنهوهما جميعًا ({2} وحدة، الوحدة: {3})؛ القيم مجمّعة على الوثائق.</numerusform>
            <numerusform>الاتفاق بين {0} مرمّزين ({1}) على %n وثائق أنهوها جميعًا ({2} وحدة، الوحدة: {3})؛ القيم مجمّعة على الوثائق.</numerusform>
            <numerusform>الاتفاق بين {0} مرمّزين ({1}) على %n وثيقة أنهوها جميعًا ({2} وحدة، الوحدة: {3})؛ القيم مجمّعة على الوثائق.</numerusform>
            <numerusform>الاتفاق بين {0} مرمّزين ({1}) على %n وثيقة أنهوها جميعًا ({2} وحدة، الوحدة: {3})؛ القيم مجمّعة على الوثائق.</numerusform>
        </translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>المقياس</translation>
    </message>
    <message>
        <source>Pooled over documents</source>
        <translation>مجمّعًا على الوثائق</translation>
    </message>
    <message>
        <source>Mean of per-document values</source>
        <translation>متوسط قيم الوثائق</translation>
    </message>
    <message>
        <source>Coders</source>
        <translation>المرمّزون</translation>
    </message>
    <message>
        <source>Cohen&apos;s κ pooled</source>
        <translation>κ كوهين مجمّعًا</translation>
    </message>
    <message>
        <source>κ mean of documents</source>
        <translation>متوسط κ للوثائق</translation>
    </message>
    <message>
        <source>F1 exact</source>
        <translation>F1 تطابق تام</translation>
    </message>
    <message>
        <source>F1 overlap</source>
        <translation>F1 تداخل</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>الوثيقة</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>الوحدات</translation>
    </message>
    <message>
        <source>Disagreements</source>
        <translation>مواضع الخلاف</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>الموضع</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>الملخّص</translation>
    </message>
    <message>
        <source>Pairs</source>
        <translation>الأزواج</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>الوثائق</translation>
    </message>
    <message>
        <source>Disagreements ({0})</source>
        <translation>مواضع الخلاف ({0})</translation>
    </message>
    <message>
        <source>Against gold</source>
        <translation>مقارنةً بالمعيار الذهبي</translation>
    </message>
    <message>
        <source>Save as:</source>
        <translation>حفظ بصيغة:</translation>
    </message>
    <message>
        <source>Save the agreement report as {0}</source>
        <translation>حفظ تقرير الاتفاق بصيغة {0}</translation>
    </message>
    <message>
        <source>Could not save the report</source>
        <translation>تعذّر حفظ التقرير</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Who is annotating?</source>
        <translation>من يقوم بالوسم؟</translation>
    </message>
    <message>
        <source>Your name (coder):</source>
        <translation>اسمك (المرمّز):</translation>
    </message>
    <message>
        <source>The project is open elsewhere</source>
        <translation>المشروع مفتوح في مكان آخر</translation>
    </message>
    <message>
        <source>{0}

Open it read-only? You can read and export it, but not change it; the other window keeps saving.</source>
        <translation>{0}

فتحه للقراءة فقط؟ يمكنك قراءته وتصديره دون تغييره؛ وتواصل النافذة الأخرى الحفظ.</translation>
    </message>
    <message>
        <source>The project file is damaged</source>
        <translation>ملف المشروع تالف</translation>
    </message>
    <message>
        <source>{0}

Restore the latest sound backup, {1}? The damaged file is kept next to it, renamed, and nothing is deleted.</source>
        <translation>{0}

هل تريد استعادة أحدث نسخة احتياطية سليمة، {1}؟ يُحتفَظ بالملف التالف إلى جانبها باسم جديد، ولا يُحذف شيء.</translation>
    </message>
    <message>
        <source>Cannot open the project</source>
        <translation>تعذّر فتح المشروع</translation>
    </message>
    <message>
        <source>Connect to the team project</source>
        <translation>الاتصال بمشروع الفريق</translation>
    </message>
    <message>
        <source>Password for {0}:</source>
        <translation>كلمة المرور لـ {0}:</translation>
    </message>
    <message>
        <source>That password was refused.</source>
        <translation>رُفضت كلمة المرور هذه.</translation>
    </message>
</context>
<context>
    <name>AttributeDialog</name>
    <message>
        <source>Attribute</source>
        <translation>سمة</translation>
    </message>
    <message>
        <source>one of a list</source>
        <translation>واحدة من قائمة</translation>
    </message>
    <message>
        <source>free text</source>
        <translation>نص حر</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>عدد</translation>
    </message>
    <message>
        <source>yes / no</source>
        <translation>نعم / لا</translation>
    </message>
    <message>
        <source>required</source>
        <translation>إلزامية</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>الاسم:</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>النوع:</translation>
    </message>
    <message>
        <source>Values (one a line):</source>
        <translation>القيم (واحدة في كل سطر):</translation>
    </message>
</context>
<context>
    <name>AttributesPanel</name>
    <message>
        <source>Select a span: its attributes are shown here</source>
        <translation>اختر مقطعًا: تظهر سماته هنا</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>The label {0} has no attributes (Edit &gt; Labels adds them)</source>
        <translation>لا سمات للوسم {0} (تُضاف من تحرير &gt; الوسوم)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <source>no</source>
        <translation>لا</translation>
    </message>
    <message>
        <source>approximate (نحو، حوالي …)</source>
        <translation>تقريبية (نحو، حوالي …)</translation>
    </message>
    <message>
        <source>From the text</source>
        <translation>من النص</translation>
    </message>
    <message>
        <source>Put back the value computed from the span&apos;s text</source>
        <translation>إرجاع القيمة المحسوبة من نص المقطع</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>القيمة</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>الوحدة</translation>
    </message>
    <message>
        <source>The text does not parse as a figure</source>
        <translation>لا يُقرأ النص رقمًا</translation>
    </message>
    <message>
        <source>corrected by a coder</source>
        <translation>صحّحها مرمّز</translation>
    </message>
    <message>
        <source>computed from the text</source>
        <translation>محسوبة من النص</translation>
    </message>
    <message>
        <source>{0} is not a number</source>
        <translation>{0} ليس عددًا</translation>
    </message>
    <message>
        <source>The value&apos;s low and high must be numbers</source>
        <translation>يجب أن يكون حدّا القيمة الأدنى والأعلى عددين</translation>
    </message>
</context>
<context>
    <name>CodebookTab</name>
    <message>
        <source>The codebook: how to annotate this project, in Markdown (# headings, *emphasis*, lists). The Guidelines panel shows it.</source>
        <translation>دليل الترميز: كيف يُرمَّز هذا المشروع، بصيغة Markdown (# عناوين، *تأكيد*، قوائم). تعرضه لوحة الإرشادات.</translation>
    </message>
    <message>
        <source>&amp;Save codebook</source>
        <translation>&amp;حفظ دليل الترميز</translation>
    </message>
</context>
<context>
    <name>CoderProgress</name>
    <message>
        <source>done {0} · in progress {1} · new {2}</source>
        <translation>منجزة {0} · قيد العمل {1} · جديدة {2}</translation>
    </message>
    <message>
        <source>{0} of {1} done</source>
        <translation>{0} من {1} منجزة</translation>
    </message>
    <message>
        <source>Your documents: done, in progress and not started</source>
        <translation>وثائقك: المنجزة وقيد العمل وغير المبدوءة</translation>
    </message>
</context>
<context>
    <name>DocLabelGroupsTab</name>
    <message>
        <source>&amp;Add…</source>
        <translation>إ&amp;ضافة…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;تعديل…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;حذف</translation>
    </message>
    <message>
        <source>several</source>
        <translation>عدة</translation>
    </message>
    <message>
        <source>one</source>
        <translation>واحد</translation>
    </message>
</context>
<context>
    <name>DocLabels</name>
    <message>
        <source>Unsure</source>
        <translation>غير متأكد</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>تخطٍّ</translation>
    </message>
    <message>
        <source>Needs discussion</source>
        <translation>تحتاج إلى نقاش</translation>
    </message>
    <message>
        <source>Any marks</source>
        <translation>كل العلامات</translation>
    </message>
    <message>
        <source>Flagged: {0}</source>
        <translation>معلَّمة: {0}</translation>
    </message>
    <message>
        <source>Any flag</source>
        <translation>أي علامة</translation>
    </message>
    <message>
        <source>With a comment</source>
        <translation>لها تعليق</translation>
    </message>
    <message>
        <source>No document label</source>
        <translation>بلا وسم وثيقة</translation>
    </message>
    <message>
        <source>Labelled {0}</source>
        <translation>موسومة {0}</translation>
    </message>
</context>
<context>
    <name>DocLabelsPanel</name>
    <message>
        <source>Flags for the lead</source>
        <translation>علامات للمشرف</translation>
    </message>
    <message>
        <source>A comment on this document (saved when you leave the box)</source>
        <translation>تعليق على هذه الوثيقة (يُحفظ حين تغادر المربع)</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>تعليق</translation>
    </message>
</context>
<context>
    <name>DocumentList</name>
    <message>
        <source>Filter by title</source>
        <translation>تصفية حسب العنوان</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>الطول</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>المقاطع</translation>
    </message>
    <message>
        <source>Your status: a ring, new; half filled, in progress; filled with a tick, done</source>
        <translation>حالتك: حلقة فارغة، جديدة؛ نصف ممتلئة، قيد العمل؛ ممتلئة بعلامة صح، منجزة</translation>
    </message>
    <message>
        <source>Shown: {0} of {1}</source>
        <translation>المعروض: {0} من {1}</translation>
    </message>
</context>
<context>
    <name>DocumentMarks</name>
    <message>
        <source>? unsure, ⤼ skip, ⚑ needs discussion, ✎ a comment, ◆ document labels</source>
        <translation>? غير متأكد، ⤼ تخطٍّ، ⚑ تحتاج إلى نقاش، ✎ تعليق، ◆ وسوم الوثيقة</translation>
    </message>
    <message>
        <source>Show the documents with this mark</source>
        <translation>إظهار الوثائق التي لها هذه العلامة</translation>
    </message>
</context>
<context>
    <name>Editor</name>
    <message>
        <source>Could not undo or redo “{0}”</source>
        <translation>تعذّر التراجع عن «{0}» أو إعادته</translation>
    </message>
    <message>
        <source>The selection holds only spaces: nothing to label</source>
        <translation>التحديد لا يحوي إلا مسافات: لا شيء لوسمه</translation>
    </message>
    <message>
        <source>Select some text first (drag, double-click a word, or Shift+arrows)</source>
        <translation>حدّد نصًّا أولًا (بالسحب، أو بالنقر المزدوج على كلمة، أو بـ Shift مع الأسهم)</translation>
    </message>
    <message>
        <source>relabel as {0}</source>
        <translation>تغيير الوسم إلى {0}</translation>
    </message>
    <message>
        <source>That span belongs to {0}: read-only</source>
        <translation>هذا المقطع يخصّ {0}: للقراءة فقط</translation>
    </message>
    <message>
        <source>another coder</source>
        <translation>مرمّزًا آخر</translation>
    </message>
    <message>
        <source>The span cannot get any smaller</source>
        <translation>لا يمكن تصغير المقطع أكثر</translation>
    </message>
    <message>
        <source>move span edge</source>
        <translation>تحريك طرف المقطع</translation>
    </message>
    <message>
        <source>Click a span first, then add its note</source>
        <translation>انقر مقطعًا أولًا ثم أضف ملاحظته</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <source>Note on this span:</source>
        <translation>ملاحظة على هذا المقطع:</translation>
    </message>
    <message>
        <source>edit note</source>
        <translation>تحرير الملاحظة</translation>
    </message>
    <message>
        <source>Read-only: {0}</source>
        <translation>للقراءة فقط: {0}</translation>
    </message>
    <message>
        <source>opened read-only</source>
        <translation>مفتوح للقراءة فقط</translation>
    </message>
    <message>
        <source> (read-only)</source>
        <translation> (للقراءة فقط)</translation>
    </message>
    <message>
        <source>coder {0}</source>
        <translation>المرمّز {0}</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Something unexpected went wrong ({0}: {1}). Your saved work is safe: every change is saved when it is made.</source>
        <translation>حدث خطأ غير متوقّع ({0}: {1}). عملك المحفوظ في أمان: كل تغيير يُحفظ لحظة إجرائه.</translation>
    </message>
    <message>
        <source>Details are in {0}.</source>
        <translation>التفاصيل في {0}.</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>خطأ غير متوقّع</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find (ignores harakat, tatweel and alef/ya forms)</source>
        <translation>بحث (يتجاهل الحركات والتطويل وصور الألف والياء)</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>النتيجة السابقة (Shift+Enter)</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>النتيجة التالية (Enter)</translation>
    </message>
    <message>
        <source>Close (Escape)</source>
        <translation>إغلاق (Escape)</translation>
    </message>
    <message>
        <source>no match</source>
        <translation>لا نتائج</translation>
    </message>
</context>
<context>
    <name>GoldTab</name>
    <message>
        <source>Each coder&apos;s spans against the gold layer (@gold is the reference), over the documents that are adjudicated and that the coder marked done.</source>
        <translation>مقاطع كل مرمّز مقارنةً بالطبقة الذهبية (‎@gold هي المرجع)، على الوثائق المحكَّمة التي أنهاها المرمّز.</translation>
    </message>
    <message>
        <source>Coders against gold: not available ({0}).</source>
        <translation>المرمّزون مقابل المعيار الذهبي: غير متاح ({0}).</translation>
    </message>
    <message>
        <source>Coders against gold: not in this report.</source>
        <translation>المرمّزون مقارنةً بالمعيار الذهبي: ليس في هذا التقرير.</translation>
    </message>
    <message>
        <source>Per label (κ present/absent; span F1 of that label):</source>
        <translation>لكل وسم (κ حضور/غياب؛ F1 مقاطع ذلك الوسم):</translation>
    </message>
</context>
<context>
    <name>GroupDialog</name>
    <message>
        <source>Document labels</source>
        <translation>وسوم الوثيقة</translation>
    </message>
    <message>
        <source>several may apply to one document</source>
        <translation>قد ينطبق عدة منها على وثيقة واحدة</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>الاسم:</translation>
    </message>
    <message>
        <source>Labels (one a line):</source>
        <translation>الوسوم (واحد في كل سطر):</translation>
    </message>
</context>
<context>
    <name>GuidelinesPanel</name>
    <message>
        <source>This project has no codebook yet (Edit &gt; Labels, Codebook)</source>
        <translation>لا دليل ترميز لهذا المشروع بعد (تحرير &gt; الوسوم، دليل الترميز)</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <source>Relations</source>
        <translation>العلاقات</translation>
    </message>
    <message>
        <source>Document labels</source>
        <translation>وسوم الوثيقة</translation>
    </message>
    <message>
        <source>free text</source>
        <translation>نص حر</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>عدد</translation>
    </message>
    <message>
        <source>yes / no</source>
        <translation>نعم / لا</translation>
    </message>
    <message>
        <source> (required)</source>
        <translation> (إلزامية)</translation>
    </message>
    <message>
        <source>any labels</source>
        <translation>أي وسوم</translation>
    </message>
    <message>
        <source>several may apply</source>
        <translation>قد ينطبق عدة منها</translation>
    </message>
    <message>
        <source>one applies</source>
        <translation>ينطبق واحد</translation>
    </message>
</context>
<context>
    <name>Handoff</name>
    <message>
        <source>New project</source>
        <translation>مشروع جديد</translation>
    </message>
    <message>
        <source>Annotation projects (*.annot)</source>
        <translation>مشاريع التوسيم (*.annot)</translation>
    </message>
    <message>
        <source>Cannot create the project</source>
        <translation>تعذّر إنشاء المشروع</translation>
    </message>
    <message>
        <source>Hand out copies</source>
        <translation>توزيع النسخ</translation>
    </message>
    <message>
        <source>Coders, separated by commas:</source>
        <translation>المرمِّزون، مفصولين بفواصل:</translation>
    </message>
    <message>
        <source>Folder for the coders&apos; copies</source>
        <translation>مجلد نسخ المرمِّزين</translation>
    </message>
    <message>
        <source>Writing copies…</source>
        <translation>جارٍ كتابة النسخ…</translation>
    </message>
    <message>
        <source>Hand out copies: not done</source>
        <translation>توزيع النسخ: لم يتم</translation>
    </message>
    <message>
        <source>{0}: {1} document(s)</source>
        <translation>{0}: {1} وثيقة</translation>
    </message>
    <message>
        <source>The project has no document assignments: every coder gets every document.</source>
        <translation>لا توجد في المشروع تكليفات بالوثائق: يحصل كل مرمِّز على كل الوثائق.</translation>
    </message>
    <message>
        <source>The project has work assignments: each coder gets the documents assigned to them.</source>
        <translation>في المشروع تكليفات بالعمل: يحصل كل مرمِّز على الوثائق المكلَّف بها.</translation>
    </message>
    <message>
        <source>No backup was taken: {0}</source>
        <translation>لم تُؤخذ نسخة احتياطية: {0}</translation>
    </message>
</context>
<context>
    <name>ImportRunner</name>
    <message>
        <source>Importing…</source>
        <translation>جارٍ الاستيراد…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message numerus="yes">
        <source>Importing… {0} of %n document(s)</source>
        <translation>
            <numerusform>جارٍ الاستيراد… {0} من %n مستند</numerusform>
            <numerusform>جارٍ الاستيراد… {0} من مستند واحد</numerusform>
            <numerusform>جارٍ الاستيراد… {0} من مستندين</numerusform>
            <numerusform>جارٍ الاستيراد… {0} من %n مستندات</numerusform>
            <numerusform>جارٍ الاستيراد… {0} من %n مستندًا</numerusform>
            <numerusform>جارٍ الاستيراد… {0} من %n مستند</numerusform>
        </translation>
    </message>
    <message>
        <source>Import failed: nothing was imported</source>
        <translation>فشل الاستيراد: لم يُستورد شيء</translation>
    </message>
</context>
<context>
    <name>LabelDetails</name>
    <message>
        <source>What this label marks, for the coders (shown on hover)</source>
        <translation>ما يعلّمه هذا الوسم، للمرمّزين (يظهر عند التمرير)</translation>
    </message>
    <message>
        <source>Save description</source>
        <translation>حفظ الوصف</translation>
    </message>
    <message>
        <source>Its spans get a figure value (a number read from the text)</source>
        <translation>لمقاطعه قيمة رقمية (عدد يُقرأ من النص)</translation>
    </message>
    <message>
        <source>Add attribute…</source>
        <translation>إضافة سمة…</translation>
    </message>
    <message>
        <source>Edit attribute…</source>
        <translation>تعديل السمة…</translation>
    </message>
    <message>
        <source>Remove attribute</source>
        <translation>إزالة السمة</translation>
    </message>
    <message>
        <source>Attributes of its spans:</source>
        <translation>سمات مقاطعه:</translation>
    </message>
    <message>
        <source>description of {0}</source>
        <translation>وصف {0}</translation>
    </message>
    <message>
        <source>Figure values</source>
        <translation>قيم الأرقام</translation>
    </message>
    <message>
        <source>Turning figure values off clears the value of every {0} span, corrections made by coders included. Undo computes them again from the text, without those corrections. Turn them off?</source>
        <translation>إيقاف قيم الأرقام يمحو قيمة كل مقطع من {0}، ومعها تصحيحات المرمِّزين. التراجع يحسبها من النص من جديد، بلا تلك التصحيحات. أتوقفها؟</translation>
    </message>
    <message>
        <source>figure values of {0}</source>
        <translation>قيم الأرقام في {0}</translation>
    </message>
    <message>
        <source>attributes of {0}</source>
        <translation>سمات {0}</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>السمات</translation>
    </message>
    <message>
        <source>{0}

Save it anyway and remove the values that no longer fit? This cannot be undone.</source>
        <translation>{0}

أتحفظها رغم ذلك وتزيل القيم التي لم تعد تناسب؟ لا يمكن التراجع عن هذا.</translation>
    </message>
</context>
<context>
    <name>LabelEditor</name>
    <message>
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>إ&amp;ضافة…</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>إعادة ت&amp;سمية…</translation>
    </message>
    <message>
        <source>&amp;Colour…</source>
        <translation>الل&amp;ون…</translation>
    </message>
    <message>
        <source>&amp;Hotkey…</source>
        <translation>م&amp;فتاح الاختصار…</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>نقل لأ&amp;على</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>نقل لأ&amp;سفل</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;حذف…</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>الاسم:</translation>
    </message>
    <message>
        <source>Rename label</source>
        <translation>إعادة تسمية الوسم</translation>
    </message>
    <message>
        <source>rename label {0}</source>
        <translation>إعادة تسمية الوسم {0}</translation>
    </message>
    <message>
        <source>Colour of {0}</source>
        <translation>لون {0}</translation>
    </message>
    <message>
        <source>recolour label {0}</source>
        <translation>تغيير لون الوسم {0}</translation>
    </message>
    <message>
        <source>Hotkey</source>
        <translation>مفتاح الاختصار</translation>
    </message>
    <message>
        <source>One key for {0} (empty: none):</source>
        <translation>مفتاح واحد لـ {0} (فارغ: بلا مفتاح):</translation>
    </message>
    <message>
        <source>hotkey of label {0}</source>
        <translation>مفتاح الوسم {0}</translation>
    </message>
    <message>
        <source>Delete label</source>
        <translation>حذف الوسم</translation>
    </message>
    <message>
        <source>Spans use the label “{0}”. Delete the label AND all its spans (of every coder)? This cannot be undone.</source>
        <translation>توجد مقاطع تستعمل الوسم «{0}». أتحذف الوسم وجميع مقاطعه (لدى كل المرمّزين)؟ لا يمكن التراجع عن ذلك.</translation>
    </message>
</context>
<context>
    <name>LabelPalette</name>
    <message>
        <source>Press {0} or click to apply “{1}”</source>
        <translation>اضغط {0} أو انقر لتطبيق «{1}»</translation>
    </message>
    <message>
        <source>Click to apply “{0}”</source>
        <translation>انقر لتطبيق «{0}»</translation>
    </message>
</context>
<context>
    <name>Layers</name>
    <message>
        <source>Document</source>
        <translation>الوثيقة</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>السمات</translation>
    </message>
    <message>
        <source>Relations</source>
        <translation>العلاقات</translation>
    </message>
    <message>
        <source>Guidelines</source>
        <translation>الإرشادات</translation>
    </message>
    <message>
        <source>Draw &amp;Relation from the Span…</source>
        <translation>رسم &amp;علاقة من المقطع…</translation>
    </message>
    <message>
        <source>Span &amp;Attributes</source>
        <translation>&amp;سمات المقطع</translation>
    </message>
    <message>
        <source>&amp;Document Labels, Flags and Comment</source>
        <translation>وسوم ال&amp;وثيقة وعلاماتها وتعليقها</translation>
    </message>
    <message>
        <source>Show Relations Over the &amp;Text</source>
        <translation>إظهار العلاقات فوق ال&amp;نص</translation>
    </message>
    <message>
        <source>&amp;Guidelines</source>
        <translation>الإ&amp;رشادات</translation>
    </message>
    <message>
        <source>Select a span first: F4 then edits its attributes</source>
        <translation>اختر مقطعًا أولًا: ثم يحرّر F4 سماته</translation>
    </message>
    <message>
        <source>This span has no attribute to edit</source>
        <translation>لا سمة لهذا المقطع تُحرَّر</translation>
    </message>
    <message>
        <source>value: {0}</source>
        <translation>القيمة: {0}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{0} — {1} — Arabic Annotator</source>
        <translation>{0} — {1} — أداة الوسم العربي</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>الوثائق</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>المقاطع</translation>
    </message>
    <message>
        <source>Coder: &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>المرمّز: &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>للقراءة فقط</translation>
    </message>
    <message>
        <source>saved</source>
        <translation>محفوظ</translation>
    </message>
    <message>
        <source>opened read-only</source>
        <translation>مفتوح للقراءة فقط</translation>
    </message>
    <message>
        <source>Document {0} of {1}</source>
        <translation>الوثيقة {0} من {1}</translation>
    </message>
    <message>
        <source>No more documents that way</source>
        <translation>لا مزيد من الوثائق في هذا الاتجاه</translation>
    </message>
    <message>
        <source>Every other document is done</source>
        <translation>كل الوثائق الأخرى منجزة</translation>
    </message>
    <message>
        <source>saved {0}</source>
        <translation>حُفظ {0}</translation>
    </message>
    <message>
        <source>Text size {0} pt</source>
        <translation>حجم النص {0} نقطة</translation>
    </message>
    <message>
        <source>Read-only: cannot import</source>
        <translation>للقراءة فقط: لا يمكن الاستيراد</translation>
    </message>
    <message>
        <source>All known formats</source>
        <translation>كل الصيغ المعروفة</translation>
    </message>
    <message>
        <source>Import files</source>
        <translation>استيراد ملفات</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>فتح مشروع</translation>
    </message>
    <message>
        <source>Annotation projects (*.annot);;All files (*)</source>
        <translation>مشاريع الوسم (*.annot);;كل الملفات (*)</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <source>&amp;New Project…</source>
        <translation>مشروع &amp;جديد…</translation>
    </message>
    <message>
        <source>&amp;Open Project…</source>
        <translation>&amp;فتح مشروع…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>المشاريع الأ&amp;خيرة</translation>
    </message>
    <message>
        <source>&amp;Import Files…</source>
        <translation>ا&amp;ستيراد ملفات…</translation>
    </message>
    <message>
        <source>&amp;Hand Out Copies…</source>
        <translation>&amp;توزيع النسخ…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>إ&amp;غلاق</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>ت&amp;راجع</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>إ&amp;عادة</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;بحث…</translation>
    </message>
    <message>
        <source>&amp;Note on Span…</source>
        <translation>&amp;ملاحظة على المقطع…</translation>
    </message>
    <message>
        <source>&amp;Delete Span (Del)</source>
        <translation>&amp;حذف المقطع (Del)</translation>
    </message>
    <message>
        <source>&amp;Resize Span (arrows, Enter ends)</source>
        <translation>تغيير &amp;حدود المقطع (الأسهم، Enter للإنهاء)</translation>
    </message>
    <message>
        <source>Proclitics &amp;Off / On (و ف ب ك ل س ال)</source>
        <translation>&amp;السوابق بلا / مع (و ف ب ك ل س ال)</translation>
    </message>
    <message>
        <source>&amp;Labels…</source>
        <translation>ال&amp;وسوم…</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>الت&amp;فضيلات…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>ت&amp;كبير</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>ت&amp;صغير</translation>
    </message>
    <message>
        <source>&amp;Reset Zoom</source>
        <translation>الحجم الأ&amp;صلي</translation>
    </message>
    <message>
        <source>Show &amp;Other Coders&apos; Spans</source>
        <translation>إظهار مقاطع المرمّزين الآ&amp;خرين</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>ا&amp;نتقال</translation>
    </message>
    <message>
        <source>&amp;Previous Document</source>
        <translation>الوثيقة ال&amp;سابقة</translation>
    </message>
    <message>
        <source>&amp;Next Document</source>
        <translation>الوثيقة ال&amp;تالية</translation>
    </message>
    <message>
        <source>Next &amp;Unfinished</source>
        <translation>غير المن&amp;جزة التالية</translation>
    </message>
    <message>
        <source>Next &amp;Span</source>
        <translation>المقطع ال&amp;تالي</translation>
    </message>
    <message>
        <source>Previous Spa&amp;n</source>
        <translation>المقطع السا&amp;بق</translation>
    </message>
    <message>
        <source>Next Span of &amp;This Label</source>
        <translation>المقطع التالي من &amp;هذا الوسم</translation>
    </message>
    <message>
        <source>Previous Span of This &amp;Label</source>
        <translation>المقطع السابق من هذا ال&amp;وسم</translation>
    </message>
    <message>
        <source>Mark &amp;Done</source>
        <translation>تعليمها م&amp;نجزة</translation>
    </message>
    <message>
        <source>Mark In &amp;Progress</source>
        <translation>تعليمها &amp;قيد العمل</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>اختصارات لو&amp;حة المفاتيح</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;عن البرنامج</translation>
    </message>
    <message>
        <source>About</source>
        <translation>عن البرنامج</translation>
    </message>
    <message>
        <source>Arabic Annotator {0}&lt;br&gt;Span annotation for Arabic text.&lt;br&gt;Project: {1}</source>
        <translation>أداة الوسم العربي {0}&lt;br&gt;وسم المقاطع في النصوص العربية.&lt;br&gt;المشروع: {1}</translation>
    </message>
</context>
<context>
    <name>Metrics</name>
    <message>
        <source>Cohen&apos;s κ (mean of pairs)</source>
        <translation>كابا كوهين κ (متوسط الأزواج)</translation>
    </message>
    <message>
        <source>Fleiss&apos; κ</source>
        <translation>كابا فلايس κ</translation>
    </message>
    <message>
        <source>Krippendorff&apos;s α</source>
        <translation>ألفا كريبندورف α</translation>
    </message>
    <message>
        <source>α_U (unitizing)</source>
        <translation>α_U (التقطيع)</translation>
    </message>
    <message>
        <source>Gwet&apos;s AC1</source>
        <translation>AC1 لغويت</translation>
    </message>
    <message>
        <source>γ (gamma, all labels)</source>
        <translation>غاما γ (كل الوسوم)</translation>
    </message>
    <message>
        <source>Span F1, exact (mean of pairs)</source>
        <translation>F1 للمقاطع، تطابق تام (متوسط الأزواج)</translation>
    </message>
    <message>
        <source>Span F1, overlap (mean of pairs)</source>
        <translation>F1 للمقاطع، تداخل (متوسط الأزواج)</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>all labels</source>
        <translation>كل الوسوم</translation>
    </message>
    <message>
        <source>Coder</source>
        <translation>المرمّز</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>الوثائق</translation>
    </message>
    <message>
        <source>κ pooled</source>
        <translation>κ مجمّعة</translation>
    </message>
    <message>
        <source>κ mean of documents</source>
        <translation>متوسط κ للوثائق</translation>
    </message>
    <message>
        <source>P exact</source>
        <translation>الدقة (تام)</translation>
    </message>
    <message>
        <source>R exact</source>
        <translation>الاستدعاء (تام)</translation>
    </message>
    <message>
        <source>F1 exact</source>
        <translation>F1 تطابق تام</translation>
    </message>
    <message>
        <source>F1 exact mean of documents</source>
        <translation>F1 (تام) متوسط الوثائق</translation>
    </message>
    <message>
        <source>P overlap</source>
        <translation>الدقة (تداخل)</translation>
    </message>
    <message>
        <source>R overlap</source>
        <translation>الاستدعاء (تداخل)</translation>
    </message>
    <message>
        <source>F1 overlap</source>
        <translation>F1 تداخل</translation>
    </message>
    <message>
        <source>F1 overlap mean of documents</source>
        <translation>F1 (تداخل) متوسط الوثائق</translation>
    </message>
    <message>
        <source>Gold spans</source>
        <translation>مقاطع المعيار الذهبي</translation>
    </message>
    <message>
        <source>Coder spans</source>
        <translation>مقاطع المرمّز</translation>
    </message>
</context>
<context>
    <name>NewLabelDialog</name>
    <message>
        <source>New label</source>
        <translation>وسم جديد</translation>
    </message>
    <message>
        <source>One key; leave it empty for none</source>
        <translation>مفتاح واحد؛ اتركه فارغًا لعدم تعيين مفتاح</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>الاسم:</translation>
    </message>
    <message>
        <source>Hotkey:</source>
        <translation>مفتاح الاختصار:</translation>
    </message>
</context>
<context>
    <name>OpeningWindow</name>
    <message>
        <source>Opening {0}… — Arabic Annotator</source>
        <translation>جارٍ فتح {0}… — أداة الوسم العربي</translation>
    </message>
    <message>
        <source>Opening {0}…</source>
        <translation>جارٍ فتح {0}…</translation>
    </message>
</context>
<context>
    <name>OthersLegend</name>
    <message>
        <source>Other coders (read-only):</source>
        <translation>المرمّزون الآخرون (للقراءة فقط):</translation>
    </message>
</context>
<context>
    <name>Panels</name>
    <message>
        <source>new</source>
        <translation>جديدة</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <source>done</source>
        <translation>منجزة</translation>
    </message>
    <message>
        <source>All documents</source>
        <translation>كل الوثائق</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>غير المنجزة</translation>
    </message>
    <message>
        <source>New</source>
        <translation>الجديدة</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>المنجزة</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>التفضيلات</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>لغة النظام</translation>
    </message>
    <message>
        <source>The new language applies from the next start of the program.</source>
        <translation>تسري اللغة الجديدة من التشغيل التالي للبرنامج.</translation>
    </message>
    <message>
        <source>Interface &amp;language:</source>
        <translation>&amp;لغة الواجهة:</translation>
    </message>
    <message>
        <source>&amp;Whole words: drags, double-clicks and Ctrl+Shift+arrows take whole words without the punctuation next to them (hold Ctrl while dragging for letters)</source>
        <translation>&amp;كلمات كاملة: السحب والنقر المزدوج وCtrl+Shift+الأسهم تأخذ كلمات كاملة دون علامات الترقيم المجاورة (اضغط Ctrl أثناء السحب لتحديد حروف)</translation>
    </message>
</context>
<context>
    <name>RelationTypeDialog</name>
    <message>
        <source>Relation type</source>
        <translation>نوع العلاقة</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>الاسم:</translation>
    </message>
    <message>
        <source>Hotkey:</source>
        <translation>مفتاح الاختصار:</translation>
    </message>
    <message>
        <source>From (head) → to (child); none ticked: any labels:</source>
        <translation>من (الرأس) ← إلى (التابع)؛ إن لم يُعلَّم شيء: أي وسوم:</translation>
    </message>
    <message>
        <source>A hotkey is one key</source>
        <translation>مفتاح الاختصار مفتاح واحد</translation>
    </message>
</context>
<context>
    <name>RelationTypesTab</name>
    <message>
        <source>&amp;Add…</source>
        <translation>إ&amp;ضافة…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;تعديل…</translation>
    </message>
    <message>
        <source>&amp;Colour…</source>
        <translation>الل&amp;ون…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;حذف…</translation>
    </message>
    <message>
        <source>any labels</source>
        <translation>أي وسوم</translation>
    </message>
    <message>
        <source>edit relation type {0}</source>
        <translation>تعديل نوع العلاقة {0}</translation>
    </message>
    <message>
        <source>Colour of {0}</source>
        <translation>لون {0}</translation>
    </message>
    <message>
        <source>recolour relation type {0}</source>
        <translation>تغيير لون نوع العلاقة {0}</translation>
    </message>
    <message>
        <source>Delete relation type</source>
        <translation>حذف نوع العلاقة</translation>
    </message>
    <message>
        <source>Relations of the type “{0}” exist. Delete the type AND all its relations (of every coder)? This cannot be undone.</source>
        <translation>توجد علاقات من النوع «{0}». أتحذف النوع وكل علاقاته (لكل المرمّزين)؟ لا يمكن التراجع عن هذا.</translation>
    </message>
</context>
<context>
    <name>Relations</name>
    <message>
        <source>Select one of your spans first: the relation starts at it</source>
        <translation>اختر أحد مقاطعك أولًا: تبدأ العلاقة منه</translation>
    </message>
    <message>
        <source>No relation type starts at a span labelled {0}</source>
        <translation>لا نوع علاقة يبدأ من مقطع موسوم {0}</translation>
    </message>
    <message>
        <source>A {0} relation does not start at a span labelled {1}</source>
        <translation>علاقة {0} لا تبدأ من مقطع موسوم {1}</translation>
    </message>
    <message>
        <source>No span can be the child of this {0} relation</source>
        <translation>لا مقطع يصلح تابعًا لعلاقة {0} هذه</translation>
    </message>
    <message>
        <source>Relation {0} from here…</source>
        <translation>علاقة {0} من هنا…</translation>
    </message>
    <message>
        <source>Delete relation {0} with {1}</source>
        <translation>حذف علاقة {0} مع {1}</translation>
    </message>
    <message>
        <source>{0}: {1} → {2} ({3} of {4}). ←/→ next or previous child, Enter draws it, Escape cancels</source>
        <translation>{0}: {1} ← {2} ({3} من {4}). ←/→ التابع التالي أو السابق، Enter يرسمها، Escape يلغي</translation>
    </message>
    <message>
        <source>Drew {0}: {1} → {2}</source>
        <translation>رُسمت {0}: {1} ← {2}</translation>
    </message>
    <message>
        <source>No relation drawn</source>
        <translation>لم تُرسم علاقة</translation>
    </message>
    <message>
        <source>That is not a span this relation can go to; Escape cancels</source>
        <translation>لا تصل هذه العلاقة إلى ذلك المقطع؛ Escape يلغي</translation>
    </message>
</context>
<context>
    <name>RelationsPanel</name>
    <message>
        <source>Head</source>
        <translation>الرأس</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>العلاقة</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>التابع</translation>
    </message>
    <message>
        <source>{0} → {1} → {2}</source>
        <translation>{0} ← {1} ← {2}</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <source>Document {0} of {1} · adjudicated {2} of {1} · open disagreements: {3} here / {4} in total</source>
        <translation>الوثيقة {0} من {1} · حُكِّم منها {2} من {1} · مواضع خلاف مفتوحة: {3} هنا / {4} إجمالًا</translation>
    </message>
    <message>
        <source> · agreed, not yet in gold: {0} here / {1} in total</source>
        <translation> · متفق عليها ولم تدخل المعيار الذهبي بعد: {0} هنا / {1} إجمالًا</translation>
    </message>
    <message>
        <source>delete gold span</source>
        <translation>حذف مقطع من المعيار الذهبي</translation>
    </message>
    <message>
        <source>move gold span edge</source>
        <translation>تحريك طرف مقطع المعيار الذهبي</translation>
    </message>
    <message>
        <source>reject {0}</source>
        <translation>رفض {0}</translation>
    </message>
</context>
<context>
    <name>ReviewController</name>
    <message>
        <source>Select a gold span or a word first: the key then takes its proclitics off or on</source>
        <translation>اختر مقطعًا ذهبيًا أو كلمة أولًا: يزيل المفتاح عندئذ سوابقها أو يعيدها</translation>
    </message>
    <message>
        <source>No proclitic to take off</source>
        <translation>لا سوابق لإزالتها</translation>
    </message>
    <message>
        <source>Could not undo or redo “{0}”</source>
        <translation>تعذّر التراجع عن «{0}» أو إعادته</translation>
    </message>
    <message>
        <source>{0} · {1}–{2} · proposed by {3} ({4} of {5}) — A accept, R reject, N next</source>
        <translation>{0} · {1}–{2} · اقترحه {3} ({4} من {5}) — A قبول، R رفض، N التالي</translation>
    </message>
    <message>
        <source>gold {0} · {1}–{2} — Shift(+Alt)+arrows move edges, Delete removes</source>
        <translation>المعيار الذهبي {0} · {1}–{2} — Shift(+Alt) مع الأسهم يحرّك الطرفين، Delete يحذف</translation>
    </message>
    <message>
        <source>gold: {0}</source>
        <translation>المعيار الذهبي: {0}</translation>
    </message>
    <message>
        <source>Read-only: {0}</source>
        <translation>للقراءة فقط: {0}</translation>
    </message>
    <message>
        <source>opened read-only</source>
        <translation>مفتوح للقراءة فقط</translation>
    </message>
    <message>
        <source>Pick an open disagreement first (click it, or N for the next one)</source>
        <translation>اختر موضع خلاف مفتوحًا أولًا (انقره، أو N للتالي)</translation>
    </message>
    <message>
        <source>accept {0}</source>
        <translation>قبول {0}</translation>
    </message>
    <message>
        <source>Select text and press a label key to draw a gold span</source>
        <translation>حدّد نصًّا واضغط مفتاح وسم لرسم مقطع في المعيار الذهبي</translation>
    </message>
    <message>
        <source>This gold span is already there: {0} {1}</source>
        <translation>هذا المقطع موجود في المعيار الذهبي: {0} {1}</translation>
    </message>
    <message>
        <source>draw {0}</source>
        <translation>رسم {0}</translation>
    </message>
    <message>
        <source>The span cannot get any smaller</source>
        <translation>لا يمكن تصغير المقطع أكثر</translation>
    </message>
    <message>
        <source>Reopened for adjudication</source>
        <translation>أُعيد فتحها للتحكيم</translation>
    </message>
    <message numerus="yes">
        <source>Adjudicated; %n open candidate(s) left out of gold</source>
        <translation>
            <numerusform>حُكِّمت؛ وبقي %n مرشّح مفتوح خارج المعيار الذهبي</numerusform>
            <numerusform>حُكِّمت؛ وبقي مرشّح مفتوح واحد خارج المعيار الذهبي</numerusform>
            <numerusform>حُكِّمت؛ وبقي مرشّحان مفتوحان خارج المعيار الذهبي</numerusform>
            <numerusform>حُكِّمت؛ وبقيت %n مرشّحات مفتوحة خارج المعيار الذهبي</numerusform>
            <numerusform>حُكِّمت؛ وبقي %n مرشّحًا مفتوحًا خارج المعيار الذهبي</numerusform>
            <numerusform>حُكِّمت؛ وبقي %n مرشّح مفتوح خارج المعيار الذهبي</numerusform>
        </translation>
    </message>
    <message>
        <source>Adjudicated</source>
        <translation>حُكِّمت</translation>
    </message>
    <message>
        <source>No open disagreements left in the corpus</source>
        <translation>لم يبق في المدوّنة موضع خلاف مفتوح</translation>
    </message>
</context>
<context>
    <name>ReviewDocuments</name>
    <message>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>المفتوحة</translation>
    </message>
    <message>
        <source>Adjudicated</source>
        <translation>حُكِّمت</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <source>Coders (lanes under the text, top to bottom):</source>
        <translation>المرمّزون (المسارات تحت النص، من الأعلى إلى الأسفل):</translation>
    </message>
    <message>
        <source>Open candidates: the coders&apos; spans not yet decided (not in gold, not competing with gold, not rejected). Disagreements first; then the spans every coder made alike, which only wait to be accepted.</source>
        <translation>المرشّحات المفتوحة: مقاطع المرمّزين التي لم يُبتّ فيها بعد (ليست في المعيار الذهبي ولا تنافس مقطعًا فيه ولم تُرفض). الخلافات أولًا، ثم المقاطع التي وضعها كل المرمّزين متطابقة ولا تنتظر إلا القبول.</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>Coders</source>
        <translation>المرمّزون</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>الأصوات</translation>
    </message>
    <message>
        <source>Accept (A)</source>
        <translation>قبول (A)</translation>
    </message>
    <message>
        <source>Reject (R)</source>
        <translation>رفض (R)</translation>
    </message>
    <message>
        <source>Next (N)</source>
        <translation>التالي (N)</translation>
    </message>
    <message>
        <source>Mark adjudicated (Ctrl+Enter)</source>
        <translation>تعليمها محكَّمة (Ctrl+Enter)</translation>
    </message>
    <message numerus="yes">
        <source>Disagreements (%n)</source>
        <translation>
            <numerusform>الخلافات (%n)</numerusform>
            <numerusform>الخلافات (%n)</numerusform>
            <numerusform>الخلافات (%n)</numerusform>
            <numerusform>الخلافات (%n)</numerusform>
            <numerusform>الخلافات (%n)</numerusform>
            <numerusform>الخلافات (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Agreed by every coder, not yet in gold (%n)</source>
        <translation>
            <numerusform>اتفق عليها كل المرمّزين ولم تدخل المعيار الذهبي بعد (%n)</numerusform>
            <numerusform>اتفق عليها كل المرمّزين ولم تدخل المعيار الذهبي بعد (%n)</numerusform>
            <numerusform>اتفق عليها كل المرمّزين ولم تدخل المعيار الذهبي بعد (%n)</numerusform>
            <numerusform>اتفق عليها كل المرمّزين ولم تدخل المعيار الذهبي بعد (%n)</numerusform>
            <numerusform>اتفق عليها كل المرمّزين ولم تدخل المعيار الذهبي بعد (%n)</numerusform>
            <numerusform>اتفق عليها كل المرمّزين ولم تدخل المعيار الذهبي بعد (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <source>Proclitics &amp;Off / On (و ف ب ك ل س ال)</source>
        <translation>&amp;السوابق بلا / مع (و ف ب ك ل س ال)</translation>
    </message>
    <message>
        <source>{0} — review as {1} — Arabic Annotator</source>
        <translation>{0} — مراجعة باسم {1} — أداة الوسم العربي</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>الوثائق</translation>
    </message>
    <message>
        <source>Adjudication</source>
        <translation>التحكيم</translation>
    </message>
    <message>
        <source>Adjudicator: &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>المحكِّم: &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>الم&amp;راجعة</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>ت&amp;راجع</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>إ&amp;عادة</translation>
    </message>
    <message>
        <source>Mark &amp;adjudicated / reopen</source>
        <translation>تعليمها م&amp;حكَّمة / إعادة فتحها</translation>
    </message>
    <message>
        <source>&amp;Next open disagreement (N)</source>
        <translation>موضع الخلاف ال&amp;تالي (N)</translation>
    </message>
    <message>
        <source>Go to A&amp;greed Relations and Attributes</source>
        <translation>الانتقال إلى العلاقات والسمات المتف&amp;ق عليها</translation>
    </message>
    <message>
        <source>Show Relations Over the &amp;Text</source>
        <translation>إظهار العلاقات فوق ال&amp;نص</translation>
    </message>
    <message>
        <source>adjudicated</source>
        <translation>محكَّمة</translation>
    </message>
    <message>
        <source>not adjudicated</source>
        <translation>غير محكَّمة</translation>
    </message>
</context>
<context>
    <name>SaveQueue</name>
    <message>
        <source>{0} change(s) not saved yet: the server cannot be reached</source>
        <translation>تغييرات لم تُحفظ بعد: {0}؛ لا يمكن الوصول إلى الخادم</translation>
    </message>
    <message>
        <source>trying again in {0} s</source>
        <translation>إعادة المحاولة بعد {0} ث</translation>
    </message>
    <message>
        <source>“{0}” was not saved: someone else changed it first</source>
        <translation>لم يُحفظ «{0}»: غيّره شخص آخر قبلك</translation>
    </message>
    <message>
        <source>Not saved: “{0}” (changed elsewhere meanwhile); showing it as it is now</source>
        <translation>لم يُحفظ: «{0}» (تغيّر في مكان آخر في الأثناء)؛ يُعرض الآن كما هو</translation>
    </message>
    <message>
        <source>Undo of “{0}” not done: the server cannot be reached; nothing changed. Try again when it is back</source>
        <translation>لم يُتراجع عن «{0}»: لا يمكن الوصول إلى الخادم؛ لم يتغيّر شيء. أعد المحاولة عند عودته</translation>
    </message>
    <message>
        <source>Redo of “{0}” not done: the server cannot be reached; nothing changed. Try again when it is back</source>
        <translation>لم تُعَد «{0}»: لا يمكن الوصول إلى الخادم؛ لم يتغيّر شيء. أعد المحاولة عند عودته</translation>
    </message>
    <message>
        <source>Connected again: every kept change is saved</source>
        <translation>عاد الاتصال: حُفظ كل تغيير كان ينتظر</translation>
    </message>
    <message>
        <source>These changes, kept while the server could not be reached, were not saved:
{0}
The window now shows the document as it is on the server.</source>
        <translation>هذه التغييرات، التي احتُفظ بها أثناء تعذّر الوصول إلى الخادم، لم تُحفظ:
{0}
تعرض النافذة الآن المستند كما هو على الخادم.</translation>
    </message>
    <message>
        <source>Some kept changes were not saved</source>
        <translation>لم تُحفظ بعض التغييرات المنتظرة</translation>
    </message>
</context>
<context>
    <name>SchemaEditor</name>
    <message>
        <source>Labels and annotation schema</source>
        <translation>الوسوم ومخطط الترميز</translation>
    </message>
    <message>
        <source>The chosen label</source>
        <translation>الوسم المختار</translation>
    </message>
    <message>
        <source>&amp;Labels</source>
        <translation>ال&amp;وسوم</translation>
    </message>
    <message>
        <source>&amp;Relations</source>
        <translation>ال&amp;علاقات</translation>
    </message>
    <message>
        <source>&amp;Document labels</source>
        <translation>وسوم ال&amp;وثيقة</translation>
    </message>
    <message>
        <source>C&amp;odebook</source>
        <translation>&amp;دليل الترميز</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>ت&amp;راجع</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>إ&amp;عادة</translation>
    </message>
</context>
<context>
    <name>SchemaUndo</name>
    <message>
        <source>Could not undo or redo “{0}”</source>
        <translation>تعذّر التراجع عن «{0}» أو إعادته</translation>
    </message>
    <message>
        <source>add label {0}</source>
        <translation>إضافة الوسم {0}</translation>
    </message>
    <message>
        <source>reorder labels</source>
        <translation>إعادة ترتيب الوسوم</translation>
    </message>
    <message>
        <source>delete label {0}</source>
        <translation>حذف الوسم {0}</translation>
    </message>
    <message>
        <source>add relation type {0}</source>
        <translation>إضافة نوع العلاقة {0}</translation>
    </message>
    <message>
        <source>delete relation type {0}</source>
        <translation>حذف نوع العلاقة {0}</translation>
    </message>
    <message>
        <source>change document labels</source>
        <translation>تغيير وسوم الوثيقة</translation>
    </message>
    <message>
        <source>edit the codebook</source>
        <translation>تحرير دليل الترميز</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>المفاتيح</translation>
    </message>
    <message>
        <source>Label the selection as “{0}”</source>
        <translation>وسم التحديد بـ «{0}»</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <source>Draw a “{0}” relation from the selected span</source>
        <translation>رسم علاقة «{0}» من المقطع المختار</translation>
    </message>
    <message>
        <source>Relations</source>
        <translation>العلاقات</translation>
    </message>
    <message>
        <source>In the text</source>
        <translation>في النص</translation>
    </message>
    <message>
        <source>Select text (whole words; hold Ctrl while dragging for single letters)</source>
        <translation>تحديد نص (كلمات كاملة؛ اضغط Ctrl أثناء السحب لحروف مفردة)</translation>
    </message>
    <message>
        <source>drag, double-click a word, or Shift+arrows</source>
        <translation>السحب، أو النقر المزدوج على كلمة، أو Shift+الأسهم</translation>
    </message>
    <message>
        <source>Select whole words from the caret (← is forward in Arabic)</source>
        <translation>تحديد كلمات كاملة من المؤشر (← إلى الأمام في العربية)</translation>
    </message>
    <message>
        <source>Move the caret by a letter / a word</source>
        <translation>تحريك المؤشر حرفًا / كلمة</translation>
    </message>
    <message>
        <source>←/→, Ctrl+←/→</source>
        <translation>←/→، Ctrl+←/→</translation>
    </message>
    <message>
        <source>Scroll the text a page</source>
        <translation>تمرير النص صفحة</translation>
    </message>
    <message>
        <source>PgDn, PgUp, Space, Shift+Space</source>
        <translation>PgDn، PgUp، المسافة، Shift+المسافة</translation>
    </message>
    <message>
        <source>Resize mode (F2): move the span&apos;s end by a letter / a word</source>
        <translation>وضع تغيير الحدود (F2): تحريك نهاية المقطع حرفًا / كلمة</translation>
    </message>
    <message>
        <source>Resize mode (F2): move the span&apos;s start by a letter / a word</source>
        <translation>وضع تغيير الحدود (F2): تحريك بداية المقطع حرفًا / كلمة</translation>
    </message>
    <message>
        <source>Shift+←/→, Ctrl+Shift+←/→</source>
        <translation>Shift+←/→، Ctrl+Shift+←/→</translation>
    </message>
    <message>
        <source>Leave resize mode</source>
        <translation>الخروج من وضع تغيير الحدود</translation>
    </message>
    <message>
        <source>Enter, Escape, F2</source>
        <translation>Enter، Escape، F2</translation>
    </message>
    <message>
        <source>Select a span (again: the next overlapping span)</source>
        <translation>تحديد مقطع (مرة أخرى: المقطع المتداخل التالي)</translation>
    </message>
    <message>
        <source>Click</source>
        <translation>نقرة</translation>
    </message>
    <message>
        <source>Delete the selected span</source>
        <translation>حذف المقطع المحدَّد</translation>
    </message>
    <message>
        <source>Del</source>
        <translation>Del</translation>
    </message>
    <message>
        <source>Ctrl+Shift+←/→</source>
        <translation>Ctrl+Shift+←/→</translation>
    </message>
    <message>
        <source>Drawing a relation: the next / previous possible child, in reading order</source>
        <translation>عند رسم علاقة: التابع الممكن التالي / السابق، بترتيب القراءة</translation>
    </message>
    <message>
        <source>←/→, ↓/↑, Tab/Shift+Tab</source>
        <translation>←/→، ↓/↑، Tab/Shift+Tab</translation>
    </message>
    <message>
        <source>Drawing a relation: draw it to the framed child / cancel</source>
        <translation>عند رسم علاقة: رسمها إلى التابع المؤطَّر / الإلغاء</translation>
    </message>
    <message>
        <source>Enter, Escape</source>
        <translation>Enter، Escape</translation>
    </message>
    <message>
        <source>Drawing a relation: draw it to this span</source>
        <translation>عند رسم علاقة: رسمها إلى هذا المقطع</translation>
    </message>
    <message>
        <source>Click a framed span</source>
        <translation>نقر مقطع مؤطَّر</translation>
    </message>
    <message>
        <source>In the Attributes and Document panels: next field / back to the text</source>
        <translation>في لوحتي السمات والوثيقة: الحقل التالي / العودة إلى النص</translation>
    </message>
    <message>
        <source>Tab, Escape</source>
        <translation>Tab، Escape</translation>
    </message>
    <message>
        <source>Next / previous match in the find bar</source>
        <translation>النتيجة التالية / السابقة في شريط البحث</translation>
    </message>
    <message>
        <source>Enter, Shift+Enter</source>
        <translation>Enter، Shift+Enter</translation>
    </message>
    <message>
        <source>Move between the panels</source>
        <translation>التنقّل بين الألواح</translation>
    </message>
    <message>
        <source>Tab, Shift+Tab</source>
        <translation>Tab، Shift+Tab</translation>
    </message>
</context>
<context>
    <name>SpanKeys</name>
    <message>
        <source>Select a span first: the keys then go to the next span of its label</source>
        <translation>حدّد مقطعًا أولًا: تنتقل المفاتيح عندها إلى المقطع التالي من وسمه</translation>
    </message>
    <message>
        <source>No span to go to</source>
        <translation>لا مقطع للانتقال إليه</translation>
    </message>
    <message>
        <source>Select a span or a word first: the key then takes its proclitics off or on</source>
        <translation>حدّد مقطعًا أو كلمة أولًا: يزيل المفتاح عندها سوابقها أو يعيدها</translation>
    </message>
    <message>
        <source>No proclitic to take off</source>
        <translation>لا سوابق لإزالتها</translation>
    </message>
    <message>
        <source>That span exists already</source>
        <translation>هذا المقطع موجود من قبل</translation>
    </message>
    <message>
        <source>proclitics on or off</source>
        <translation>إزالة السوابق أو إعادتها</translation>
    </message>
    <message>
        <source>Click one of your spans first, then F2 to move its edges</source>
        <translation>انقر أحد مقاطعك أولًا، ثم F2 لتحريك حدوده</translation>
    </message>
    <message>
        <source>Resizing the span: ←/→ move its end, Shift+←/→ its start, with Ctrl by whole words (← is forward in Arabic); Enter or Escape ends</source>
        <translation>تغيير حدود المقطع: ←/→ تحرّك نهايته، وShift+←/→ بدايته، ومع Ctrl بكلمات كاملة (← إلى الأمام في العربية)؛ Enter أو Escape للإنهاء</translation>
    </message>
    <message>
        <source>Resizing ended</source>
        <translation>انتهى تغيير الحدود</translation>
    </message>
</context>
<context>
    <name>SpanTableModel</name>
    <message>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>الموضع</translation>
    </message>
</context>
<context>
    <name>Suggest</name>
    <message>
        <source>S&amp;uggest</source>
        <translation>ا&amp;قتراحات</translation>
    </message>
    <message>
        <source>Every &amp;Occurrence of My Spans</source>
        <translation>كل &amp;مواضع مقاطعي</translation>
    </message>
    <message>
        <source>Every Occurrence, in This &amp;Document</source>
        <translation>كل المواضع، في هذا الم&amp;ستند</translation>
    </message>
    <message>
        <source>&amp;Figures</source>
        <translation>الأ&amp;رقام</translation>
    </message>
    <message>
        <source>From a &amp;Model…</source>
        <translation>من &amp;نموذج…</translation>
    </message>
    <message>
        <source>From a &amp;Predictions File (JSONL)…</source>
        <translation>من ملف &amp;تنبؤات (JSONL)…</translation>
    </message>
    <message>
        <source>&amp;Train a Model on My Finished Documents…</source>
        <translation>&amp;درّب نموذجًا على مستنداتي المنجزة…</translation>
    </message>
    <message>
        <source>Model &amp;Scores…</source>
        <translation>&amp;نتائج النموذج…</translation>
    </message>
    <message>
        <source>Suggest</source>
        <translation>اقتراحات</translation>
    </message>
    <message>
        <source>Running {0}…</source>
        <translation>جارٍ تشغيل {0}…</translation>
    </message>
    <message>
        <source>No suggestions were stored</source>
        <translation>لم تُحفظ أي اقتراحات</translation>
    </message>
    <message>
        <source>A model folder (from annotator train)</source>
        <translation>مجلد نموذج (من annotator train)</translation>
    </message>
    <message>
        <source>Predictions (JSONL)</source>
        <translation>التنبؤات (JSONL)</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl);;All files (*)</source>
        <translation>أسطر JSON (*.jsonl);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>An empty folder for the new model</source>
        <translation>مجلد فارغ للنموذج الجديد</translation>
    </message>
    <message>
        <source>Train a model</source>
        <translation>تدريب نموذج</translation>
    </message>
    <message>
        <source>Training on {0}&apos;s finished documents…</source>
        <translation>جارٍ التدريب على مستندات {0} المنجزة…</translation>
    </message>
    <message>
        <source>Training was cancelled; no model was written.</source>
        <translation>أُلغي التدريب، ولم يُكتب أي نموذج.</translation>
    </message>
    <message>
        <source>The model was not trained</source>
        <translation>لم يُدرَّب النموذج</translation>
    </message>
    <message>
        <source>Model trained</source>
        <translation>دُرّب النموذج</translation>
    </message>
    <message>
        <source>A model folder</source>
        <translation>مجلد نموذج</translation>
    </message>
    <message>
        <source>Not a model folder of this app</source>
        <translation>ليس مجلد نموذج لهذا التطبيق</translation>
    </message>
    <message>
        <source>Model scores</source>
        <translation>نتائج النموذج</translation>
    </message>
    <message>
        <source>Trained on {0}&apos;s finished documents ({1} for training, {2} held out), {3}.</source>
        <translation>دُرّب على مستندات {0} المنجزة ({1} للتدريب، {2} محجوزة للتقييم)، {3}.</translation>
    </message>
    <message>
        <source>Overall: P {0:.2f}  R {1:.2f}  F1 {2:.2f}</source>
        <translation>الإجمالي: الدقة {0:.2f}  الاستدعاء {1:.2f}  F1 {2:.2f}</translation>
    </message>
</context>
<context>
    <name>SuggestionController</name>
    <message>
        <source>Suggested: {0} (score {1:.2f}, {2})</source>
        <translation>مقترح: {0} (الدرجة {1:.2f}، {2})</translation>
    </message>
    <message>
        <source>No suggestions in this document</source>
        <translation>لا اقتراحات في هذا المستند</translation>
    </message>
    <message>
        <source>Suggestion: {0} ({1:.2f}, {2})</source>
        <translation>اقتراح: {0} ({1:.2f}، {2})</translation>
    </message>
    <message>
        <source>No suggestion scores {0:.2f} or more</source>
        <translation>لا اقتراح درجته {0:.2f} أو أكثر</translation>
    </message>
    <message>
        <source>accept suggestions scoring {0:.2f} or more</source>
        <translation>قبول الاقتراحات ذات الدرجة {0:.2f} أو أكثر</translation>
    </message>
    <message>
        <source>Accept suggestions</source>
        <translation>قبول الاقتراحات</translation>
    </message>
    <message>
        <source>Accept every suggestion in this document scoring at least:</source>
        <translation>اقبل كل اقتراح في هذا المستند درجته على الأقل:</translation>
    </message>
</context>
<context>
    <name>Summaries</name>
    <message numerus="yes">
        <source>%n span(s)</source>
        <translation>
            <numerusform>%n مقطع</numerusform>
            <numerusform>مقطع واحد</numerusform>
            <numerusform>مقطعان</numerusform>
            <numerusform>%n مقاطع</numerusform>
            <numerusform>%n مقطعًا</numerusform>
            <numerusform>%n مقطع</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n document(s) with {0}</source>
        <translation>
            <numerusform>استُورد %n وثيقة مع {0}</numerusform>
            <numerusform>استُوردت وثيقة واحدة مع {0}</numerusform>
            <numerusform>استُوردت وثيقتان مع {0}</numerusform>
            <numerusform>استُوردت %n وثائق مع {0}</numerusform>
            <numerusform>استُوردت %n وثيقة مع {0}</numerusform>
            <numerusform>استُوردت %n وثيقة مع {0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; spans attached to %n document(s) already in the project</source>
        <translation>
            <numerusform>؛ وأُلحقت مقاطع بوثائق كانت في المشروع: %n</numerusform>
            <numerusform>؛ وأُلحقت مقاطع بوثائق كانت في المشروع: %n</numerusform>
            <numerusform>؛ وأُلحقت مقاطع بوثائق كانت في المشروع: %n</numerusform>
            <numerusform>؛ وأُلحقت مقاطع بوثائق كانت في المشروع: %n</numerusform>
            <numerusform>؛ وأُلحقت مقاطع بوثائق كانت في المشروع: %n</numerusform>
            <numerusform>؛ وأُلحقت مقاطع بوثائق كانت في المشروع: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n already in the project, skipped</source>
        <translation>
            <numerusform>؛ وتُخطّي ما كان موجودًا في المشروع: %n</numerusform>
            <numerusform>؛ وتُخطّي ما كان موجودًا في المشروع: %n</numerusform>
            <numerusform>؛ وتُخطّي ما كان موجودًا في المشروع: %n</numerusform>
            <numerusform>؛ وتُخطّي ما كان موجودًا في المشروع: %n</numerusform>
            <numerusform>؛ وتُخطّي ما كان موجودًا في المشروع: %n</numerusform>
            <numerusform>؛ وتُخطّي ما كان موجودًا في المشروع: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n document(s) with {0} to {1}</source>
        <translation>
            <numerusform>صُدِّرت %n وثيقة مع {0} إلى {1}</numerusform>
            <numerusform>صُدِّرت وثيقة واحدة مع {0} إلى {1}</numerusform>
            <numerusform>صُدِّرت وثيقتان مع {0} إلى {1}</numerusform>
            <numerusform>صُدِّرت %n وثائق مع {0} إلى {1}</numerusform>
            <numerusform>صُدِّرت %n وثيقة مع {0} إلى {1}</numerusform>
            <numerusform>صُدِّرت %n وثيقة مع {0} إلى {1}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n unfinished document(s) left out</source>
        <translation>
            <numerusform>؛ وتُركت %n وثيقة غير منجزة</numerusform>
            <numerusform>؛ وتُركت وثيقة واحدة غير منجزة</numerusform>
            <numerusform>؛ وتُركت وثيقتان غير منجزتين</numerusform>
            <numerusform>؛ وتُركت %n وثائق غير منجزة</numerusform>
            <numerusform>؛ وتُركت %n وثيقة غير منجزة</numerusform>
            <numerusform>؛ وتُركت %n وثيقة غير منجزة</numerusform>
        </translation>
    </message>
    <message>
        <source>any coder</source>
        <translation>أي مرمّز</translation>
    </message>
    <message numerus="yes">
        <source>Nothing was exported: the export takes the documents marked done, and none of the %n document(s) is marked done by {0}.</source>
        <translation>
            <numerusform>لم يُصدَّر شيء: التصدير يأخذ الوثائق المعلَّمة منجزةً، ولم يعلِّم {0} أيًّا من الوثائق الـ%n منجزةً.</numerusform>
            <numerusform>لم يُصدَّر شيء: التصدير يأخذ الوثائق المعلَّمة منجزةً، ولم يعلِّم {0} الوثيقة الوحيدة منجزةً.</numerusform>
            <numerusform>لم يُصدَّر شيء: التصدير يأخذ الوثائق المعلَّمة منجزةً، ولم يعلِّم {0} أيًّا من الوثيقتين منجزةً.</numerusform>
            <numerusform>لم يُصدَّر شيء: التصدير يأخذ الوثائق المعلَّمة منجزةً، ولم يعلِّم {0} أيًّا من الوثائق الـ%n منجزةً.</numerusform>
            <numerusform>لم يُصدَّر شيء: التصدير يأخذ الوثائق المعلَّمة منجزةً، ولم يعلِّم {0} أيًّا من الوثائق الـ%n منجزةً.</numerusform>
            <numerusform>لم يُصدَّر شيء: التصدير يأخذ الوثائق المعلَّمة منجزةً، ولم يعلِّم {0} أيًّا من الوثائق الـ%n منجزةً.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was exported: there is nothing to export for this choice.</source>
        <translation>لم يُصدَّر شيء: لا يوجد ما يُصدَّر لهذا الاختيار.</translation>
    </message>
    <message numerus="yes">
        <source>Merged %n file(s).</source>
        <translation>
            <numerusform>دُمج %n ملف.</numerusform>
            <numerusform>دُمج ملف واحد.</numerusform>
            <numerusform>دُمج ملفان.</numerusform>
            <numerusform>دُمجت %n ملفات.</numerusform>
            <numerusform>دُمج %n ملفًا.</numerusform>
            <numerusform>دُمج %n ملف.</numerusform>
        </translation>
    </message>
    <message>
        <source>Documents added: {0}</source>
        <translation>الوثائق المضافة: {0}</translation>
    </message>
    <message>
        <source>Documents matched: {0}</source>
        <translation>الوثائق المطابقة: {0}</translation>
    </message>
    <message>
        <source>Coders&apos; documents copied: {0}</source>
        <translation>وثائق المرمّزين المنسوخة: {0}</translation>
    </message>
    <message>
        <source>Already identical: {0}</source>
        <translation>المتطابقة أصلًا: {0}</translation>
    </message>
    <message>
        <source>Spans added: {0}</source>
        <translation>المقاطع المضافة: {0}</translation>
    </message>
    <message>
        <source>Spans removed: {0}</source>
        <translation>المقاطع المحذوفة: {0}</translation>
    </message>
    <message>
        <source>Conflicts settled with the copies&apos; spans: {0}</source>
        <translation>تعارضات حُسمت لصالح مقاطع النسخ: {0}</translation>
    </message>
    <message>
        <source>Conflicts settled with this project&apos;s spans: {0}</source>
        <translation>تعارضات حُسمت لصالح مقاطع هذا المشروع: {0}</translation>
    </message>
    <message>
        <source>Repeated spans in the copies, kept once: {0}</source>
        <translation>مقاطع مكرَّرة في النسخ أُبقي كلٌّ منها مرة واحدة: {0}</translation>
    </message>
    <message>
        <source>Coders added: {0}</source>
        <translation>المرمّزون المضافون: {0}</translation>
    </message>
    <message>
        <source>Labels added: {0}</source>
        <translation>الوسوم المضافة: {0}</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s): a coder has different spans for the same document here and in a copy. Nothing was merged yet: choose whose spans to keep.</source>
        <translation>
            <numerusform>%n تعارض: لدى مرمّز مقاطع مختلفة للوثيقة نفسها هنا وفي نسخة. لم يُدمج شيء بعد: اختر أيّ المقاطع تُبقي.</numerusform>
            <numerusform>تعارض واحد: لدى مرمّز مقاطع مختلفة للوثيقة نفسها هنا وفي نسخة. لم يُدمج شيء بعد: اختر أيّ المقاطع تُبقي.</numerusform>
            <numerusform>تعارضان: لدى مرمّز مقاطع مختلفة للوثيقة نفسها هنا وفي نسخة. لم يُدمج شيء بعد: اختر أيّ المقاطع تُبقي.</numerusform>
            <numerusform>%n تعارضات: لدى مرمّز مقاطع مختلفة للوثيقة نفسها هنا وفي نسخة. لم يُدمج شيء بعد: اختر أيّ المقاطع تُبقي.</numerusform>
            <numerusform>%n تعارضًا: لدى مرمّز مقاطع مختلفة للوثيقة نفسها هنا وفي نسخة. لم يُدمج شيء بعد: اختر أيّ المقاطع تُبقي.</numerusform>
            <numerusform>%n تعارض: لدى مرمّز مقاطع مختلفة للوثيقة نفسها هنا وفي نسخة. لم يُدمج شيء بعد: اختر أيّ المقاطع تُبقي.</numerusform>
        </translation>
    </message>
    <message>
        <source>{0}: {1}, coder {2} ({3} here, {4} in the copy)</source>
        <translation>{0}: {1}، المرمّز {2} ({3} هنا، {4} في النسخة)</translation>
    </message>
    <message>
        <source>… and {0} more</source>
        <translation>… و{0} أخرى</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
</context>
<context>
    <name>Team</name>
    <message>
        <source>&amp;Team</source>
        <translation>ال&amp;فريق</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;تصدير…</translation>
    </message>
    <message>
        <source>&amp;Merge Coders&apos; Copies…</source>
        <translation>&amp;دمج نسخ المرمّزين…</translation>
    </message>
    <message>
        <source>&amp;Agreement…</source>
        <translation>ال&amp;اتفاق بين المرمّزين…</translation>
    </message>
    <message>
        <source>&amp;Review and Adjudicate…</source>
        <translation>الم&amp;راجعة والتحكيم…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <source>expand to whole tokens</source>
        <translation>توسيعها إلى كلمات كاملة</translation>
    </message>
    <message>
        <source>contract to the tokens inside</source>
        <translation>تقليصها إلى الكلمات التي بداخلها</translation>
    </message>
    <message>
        <source>drop (strict)</source>
        <translation>إسقاطها (صارم)</translation>
    </message>
    <message>
        <source>every coder</source>
        <translation>كل المرمّزين</translation>
    </message>
    <message>
        <source>gold layer</source>
        <translation>المعيار الذهبي</translation>
    </message>
    <message>
        <source>documents marked done</source>
        <translation>الوثائق المعلَّمة منجزة</translation>
    </message>
    <message>
        <source>every document</source>
        <translation>كل الوثائق</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>الصيغة:</translation>
    </message>
    <message>
        <source>Whose spans:</source>
        <translation>مقاطع من:</translation>
    </message>
    <message>
        <source>Documents:</source>
        <translation>الوثائق:</translation>
    </message>
    <message>
        <source>Split by document (hf):</source>
        <translation>التقسيم حسب الوثيقة (hf):</translation>
    </message>
    <message>
        <source>Split seed (hf):</source>
        <translation>بذرة التقسيم (hf):</translation>
    </message>
    <message>
        <source>Spans that cut tokens (spacy):</source>
        <translation>المقاطع التي تقطع الكلمات (spacy):</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>تصدير إلى</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>جارٍ التصدير…</translation>
    </message>
    <message>
        <source>Export failed: nothing was written</source>
        <translation>فشل التصدير: لم يُكتب شيء</translation>
    </message>
    <message>
        <source>The file {0} holds no documents.</source>
        <translation>الملف {0} لا يحوي أي وثيقة.</translation>
    </message>
    <message>
        <source>Nothing was exported</source>
        <translation>لم يُصدَّر شيء</translation>
    </message>
    <message>
        <source>Include the unfinished documents</source>
        <translation>تضمين الوثائق غير المنجزة</translation>
    </message>
    <message>
        <source>Merge coders&apos; copies</source>
        <translation>دمج نسخ المرمّزين</translation>
    </message>
    <message>
        <source>Annotation projects (*.annot)</source>
        <translation>مشاريع الوسم (*.annot)</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>دمج</translation>
    </message>
    <message>
        <source>Merging…</source>
        <translation>جارٍ الدمج…</translation>
    </message>
    <message>
        <source>Merge conflicts: nothing was merged</source>
        <translation>تعارضات في الدمج: لم يُدمج شيء</translation>
    </message>
    <message>
        <source>Keep the copies&apos; spans</source>
        <translation>إبقاء مقاطع النسخ</translation>
    </message>
    <message>
        <source>Keep this project&apos;s spans</source>
        <translation>إبقاء مقاطع هذا المشروع</translation>
    </message>
    <message>
        <source>Merge failed: nothing was merged</source>
        <translation>فشل الدمج: لم يُدمج شيء</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>الاتفاق بين المرمّزين</translation>
    </message>
    <message>
        <source>Agreement needs at least two coders; merge the coders&apos; copies first.</source>
        <translation>يحتاج حساب الاتفاق إلى مرمّزَين على الأقل؛ ادمج نسخ المرمّزين أولًا.</translation>
    </message>
    <message>
        <source>Agreement — {0}</source>
        <translation>الاتفاق بين المرمّزين — {0}</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>المراجعة</translation>
    </message>
</context>
<context>
    <name>TeamWatch</name>
    <message>
        <source>Connection</source>
        <translation>الاتصال</translation>
    </message>
    <message>
        <source>The connection to the team server is lost; trying again every few seconds. Everything shown as saved is on the server.</source>
        <translation>انقطع الاتصال بخادم الفريق؛ تجري إعادة المحاولة كل بضع ثوانٍ. كل ما ظهر محفوظًا موجود على الخادم.</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) made meanwhile wait, drawn hatched, and are saved when it is back.</source>
        <translation>
            <numerusform>%n تغيير في أثناء الانقطاع ينتظر، مرسومًا مخطَّطًا، ويُحفظ عند عودة الخادم.</numerusform>
            <numerusform>تغيير واحد في أثناء الانقطاع ينتظر، مرسومًا مخطَّطًا، ويُحفظ عند عودة الخادم.</numerusform>
            <numerusform>تغييران في أثناء الانقطاع ينتظران، مرسومين مخطَّطين، ويُحفظان عند عودة الخادم.</numerusform>
            <numerusform>%n تغييرات في أثناء الانقطاع تنتظر، مرسومة مخطَّطة، وتُحفظ عند عودة الخادم.</numerusform>
            <numerusform>%n تغييرًا في أثناء الانقطاع تنتظر، مرسومة مخطَّطة، وتُحفظ عند عودة الخادم.</numerusform>
            <numerusform>%n تغيير في أثناء الانقطاع تنتظر، مرسومة مخطَّطة، وتُحفظ عند عودة الخادم.</numerusform>
        </translation>
    </message>
    <message>
        <source>The connection to the team server is lost; the window keeps trying. Everything shown as saved is on the server; changes made meanwhile are kept, drawn hatched, and saved in order when it is back.</source>
        <translation>انقطع الاتصال بخادم الفريق، والنافذة تواصل المحاولة. كل ما ظهر محفوظًا موجود على الخادم، وما تغيّره في أثناء الانقطاع يُحتفظ به ويُرسم مخطَّطًا، ويُحفظ بترتيبه عند عودة الخادم.</translation>
    </message>
    <message>
        <source>Connected to the team server again</source>
        <translation>عاد الاتصال بخادم الفريق</translation>
    </message>
    <message>
        <source>{0} {1} done</source>
        <translation>{0}: أُنجز {1}</translation>
    </message>
    <message>
        <source>Team: {0}</source>
        <translation>الفريق: {0}</translation>
    </message>
    <message>
        <source>{0}: {1} done, {2} in progress</source>
        <translation>{0}: أُنجز {1}، وقيد العمل {2}</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <source>the server cannot be reached; earlier changes are still waiting</source>
        <translation>تعذّر الوصول إلى الخادم؛ ما زالت تغييرات سابقة تنتظر الحفظ</translation>
    </message>
    <message>
        <source>add {0}</source>
        <translation>إضافة {0}</translation>
    </message>
    <message>
        <source>add span</source>
        <translation>إضافة مقطع</translation>
    </message>
    <message>
        <source>delete span</source>
        <translation>حذف مقطع</translation>
    </message>
    <message>
        <source>mark new</source>
        <translation>تعليمها جديدة</translation>
    </message>
    <message>
        <source>mark in progress</source>
        <translation>تعليمها قيد العمل</translation>
    </message>
    <message>
        <source>mark done</source>
        <translation>تعليمها منجزة</translation>
    </message>
    <message>
        <source>earlier changes are still waiting</source>
        <translation>ما زالت تغييرات سابقة تنتظر الحفظ</translation>
    </message>
    <message>
        <source>the server cannot be reached</source>
        <translation>تعذّر الوصول إلى الخادم</translation>
    </message>
    <message>
        <source>The change was not saved</source>
        <translation>لم يُحفظ التغيير</translation>
    </message>
    <message>
        <source>accept suggestion</source>
        <translation>قبول اقتراح</translation>
    </message>
    <message>
        <source>accept {0} suggestions</source>
        <translation>قبول {0} من الاقتراحات</translation>
    </message>
    <message>
        <source>reject suggestion</source>
        <translation>رفض اقتراح</translation>
    </message>
    <message>
        <source>set {0}</source>
        <translation>تعيين {0}</translation>
    </message>
    <message>
        <source>set attributes</source>
        <translation>تعيين السمات</translation>
    </message>
    <message>
        <source>value from the text</source>
        <translation>القيمة من النص</translation>
    </message>
    <message>
        <source>correct value</source>
        <translation>تصحيح القيمة</translation>
    </message>
    <message>
        <source>document labels</source>
        <translation>وسوم الوثيقة</translation>
    </message>
    <message>
        <source>draw relation {0}</source>
        <translation>رسم العلاقة {0}</translation>
    </message>
    <message>
        <source>delete relation</source>
        <translation>حذف علاقة</translation>
    </message>
</context>
<context>
    <name>_Form</name>
    <message>
        <source>Description:</source>
        <translation>الوصف:</translation>
    </message>
    <message>
        <source>Examples (one a line):</source>
        <translation>أمثلة (واحد في كل سطر):</translation>
    </message>
</context>
</TS>
