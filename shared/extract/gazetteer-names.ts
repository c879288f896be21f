/**
 * DATA FILE, written by the Dateline team: common given names, in Arabic script (Arab names and
 * foreign names as Arabic news transliterates them) and in Latin script. A given name is strong
 * evidence that the word after it is a family name (جون تيفت، وليد المعلم), so a person can be
 * found without a title before the name. Surnames are not listed: they come from the article.
 */
/** Arab given names that are not also ordinary words; an ال family name may follow (وليد المعلم). */
export const GIVEN_NAMES_ARAB: readonly string[] = [
  'محمد', 'أحمد', 'محمود', 'مصطفى', 'حسن', 'حسين', 'عبدالله', 'عبد', 'خالد', 'سعد', 'سعود', 'سلمان', 'فيصل',
  'عثمان', 'إبراهيم', 'إسماعيل', 'يوسف', 'موسى', 'عيسى', 'سليمان', 'داود', 'يحيى', 'زكريا', 'وليد', 'زياد', 'بشار',
  'فراس', 'مازن', 'هشام', 'وائل', 'ياسر', 'أنس', 'أسامة', 'حمد', 'حمدان', 'تميم', 'قابوس', 'نايف', 'مقرن', 'نواف',
  'ميشال', 'ميشيل', 'جبران', 'مروان', 'حيدر', 'مرتضى', 'ياسين', 'لؤي', 'غسان', 'بسام', 'عصام', 'هيثم', 'نزار',
  'عبدالعزيز', 'عبدالرحمن', 'عبدالملك', 'عبدالفتاح', 'عبدالمجيد', 'عبدالكريم', 'عبدالحميد', 'عبداللطيف', 'حمزة',
  'مهدي', 'الباجي', 'فاطمة', 'عائشة', 'مريم', 'زينب', 'ليلى', 'هند', 'رانيا', 'سميرة', 'بثينة', 'لمى', 'نجلاء', 'دينا',
  'إلياس', 'جورج', 'أنطوان', 'بطرس', 'نجيب', 'زهير', 'عمار', 'أيمن', 'هاني', 'فاروق', 'نادر', 'زيد',
  'سامر', 'وسيم', 'ثائر', 'عمرو', 'معاذ', 'أنور', 'مؤيد', 'مهند', 'قصي', 'عدي', 'صهيب', 'حازم', 'حاتم', 'حمود',
  'خليل', 'شادي', 'طلال', 'عامر', 'عدنان', 'علاء', 'غازي', 'فادي', 'فؤاد', 'فايز', 'ماجد', 'مجدي', 'محسن', 'مراد',
  'مصعب', 'معتز', 'منذر', 'موفق', 'ناجي', 'هاشم', 'يعقوب', 'يونس', 'إدريس', 'إسحاق', 'أيوب', 'بلال', 'جعفر', 'جلال',
  'حامد', 'حمدي', 'خضر', 'رضا', 'زكي', 'سفيان', 'سهيل', 'شوقي', 'صبحي', 'صلاح', 'عاطف', 'عبدالقادر', 'عبدالناصر',
  'عبدالحكيم', 'عبدالسلام', 'عبدالغني', 'عبدالهادي', 'عزت', 'فتحي', 'فوزي', 'لطفي', 'مأمون', 'مدحت', 'ممدوح', 'وجدي',
  'يسري', 'آمنة', 'أسماء', 'خديجة', 'رشا', 'رغد', 'رهف', 'روان', 'سعاد', 'سناء', 'سوسن', 'شيماء', 'عبلة', 'غادة', 'لبنى',
  'لينا', 'مها', 'ميساء', 'ميسون', 'نادية', 'نجوى', 'نسرين', 'نهى', 'ياسمين', 'إياد',
];

/** Foreign given names as Arabic news writes them: no ال family name follows them. */
export const GIVEN_NAMES_FOREIGN: readonly string[] = [
  'جون', 'جيمس', 'مايك', 'مايكل', 'بيتر', 'ديفيد', 'ريتشارد', 'روبرت', 'ويليام', 'وليام', 'توماس', 'توني',
  'بوريس', 'فلاديمير', 'ديمتري', 'دميتري', 'ديميتري', 'سيرغي', 'سيرجي', 'إيغور', 'ايغور', 'ميخائيل', 'أليكسي', 'أندريه',
  'نيكولاي', 'إيفان', 'يوري', 'فيكتور', 'فاليري', 'غينادي', 'ماريا', 'آنا', 'أنجيلا', 'أنغيلا', 'تيريزا', 'فرانسوا',
  'إيمانويل', 'نيكولا', 'جاك', 'أنطونيو', 'ستيفان', 'ستافان', 'كوفي', 'ريكس', 'هيلاري', 'باراك', 'دونالد',
  'كوندوليزا', 'كيم', 'شي', 'ناريندرا', 'شينزو', 'جاستن', 'مارين', 'أولاف', 'ماتيو', 'بنيامين', 'أرييل', 'إيهود',
  'شيمون', 'أفيغدور', 'هنري', 'تشارلز', 'إليزابيث', 'ماري', 'كاثرين', 'هيلين', 'سوزان', 'اشتون', 'آشتون', 'مارك',
  'ستيفن', 'جيفري', 'كريستوفر', 'دانيال', 'أنتوني', 'أليكس', 'أندرو', 'فيليب', 'ألكسندر', 'مارتن', 'ماركو', 'فرانك',
  'هانز', 'كلاوس', 'هيلموت', 'غيرهارد', 'سيلفيو', 'هيذر', 'سارة', 'جيرمي', 'تيد', 'بيرني', 'إيفانكا', 'ميلانيا',
];

/**
 * Given names that are also ordinary words (أمل "hope", جمال "beauty", صالح "valid", رجب the
 * month): they open a name only right after a title (الوزير جمال …), never on their own.
 */
export const GIVEN_NAMES_COMMON_WORDS: readonly string[] = [
  'علي', 'عمر', 'طارق', 'سامي', 'سمير', 'نبيل', 'جمال', 'كمال', 'عادل', 'عماد', 'رامي', 'رياض', 'ماهر', 'حافظ',
  'باسل', 'فارس', 'ناصر', 'راشد', 'زايد', 'بندر', 'سلطان', 'منصور', 'سعيد', 'رفيق', 'نوري', 'هادي', 'جواد', 'قاسم',
  'رجب', 'حسني', 'معمر', 'صدام', 'أشرف', 'شريف', 'أكرم', 'منير', 'بدر', 'صالح', 'عباس', 'نبيه', 'رشيد', 'منصف',
  'فهد', 'يزيد', 'تركي', 'أمل', 'نور', 'منى', 'هدى', 'ريم', 'سلمى', 'رنا', 'هالة', 'بان', 'جو', 'بول', 'رمضان',
];

export const GIVEN_NAMES_LATIN: readonly string[] = [
  'John', 'James', 'David', 'Michael', 'Robert', 'William', 'Richard', 'Thomas', 'Peter', 'Paul', 'Mark', 'George',
  'Tony', 'Gordon', 'Charles', 'Barack', 'Donald', 'Hillary', 'Bill', 'Joe', 'Vladimir', 'Dmitry', 'Dmitri', 'Sergei',
  'Sergey', 'Angela', 'Theresa', 'Boris', 'Nicolas', 'Francois', 'Emmanuel', 'Mohammed', 'Mohamed', 'Muhammad',
  'Ahmed', 'Ahmad', 'Ali', 'Bashar', 'Kofi', 'Jacques', 'Gerhard', 'Silvio', 'Ariel', 'Benjamin', 'Mahmoud', 'Yasser',
  'Saddam', 'Hosni', 'Recep', 'Hassan', 'Hussein', 'Mary', 'Sarah', 'Jane', 'Elizabeth', 'Anne', 'Susan', 'Michelle',
  'Kate', 'Helen', 'Alan', 'Andrew', 'Brian', 'Chris', 'Christopher', 'Daniel', 'Edward', 'Frank', 'Gary', 'Henry',
  'Ian', 'Jack', 'Jim', 'Kevin', 'Martin', 'Matthew', 'Nick', 'Patrick', 'Philip', 'Ray', 'Roger', 'Simon', 'Stephen',
  'Steve', 'Steven', 'Tim', 'Tom', 'Alex', 'Alexander', 'Anthony', 'Ben', 'Bob', 'Carl', 'Colin', 'Craig', 'Dan',
  'Dave', 'Derek', 'Eric', 'Fred', 'Geoff', 'Graham', 'Greg', 'Harry', 'Jeff', 'Jeremy', 'Jonathan', 'Keith', 'Ken',
  'Kenneth', 'Larry', 'Lee', 'Luke', 'Malcolm', 'Matt', 'Mike', 'Neil', 'Nigel', 'Oliver', 'Owen', 'Ralph', 'Rob',
  'Ron', 'Ronald', 'Sam', 'Scott', 'Sean', 'Stuart', 'Terry', 'Walter', 'Wayne', 'Alice', 'Amy', 'Catherine',
  'Claire', 'Diana', 'Emma', 'Emily', 'Hannah', 'Jennifer', 'Jessica', 'Julia', 'Karen', 'Laura', 'Linda', 'Lisa',
  'Margaret', 'Maria', 'Patricia', 'Rachel', 'Rebecca', 'Ruth', 'Sophie', 'Tessa', 'Victoria', 'Hans', 'Klaus',
  'Jean', 'Pierre', 'Carlos', 'Juan', 'Jose', 'Luis', 'Antonio', 'Giovanni', 'Marco', 'Igor', 'Mikhail', 'Ivan',
  'Yuri', 'Viktor', 'Sergio', 'Kim', 'Shinzo', 'Junichiro', 'Heizo', 'Rex', 'Ashton', 'Condoleezza', 'Colin', 'Dick',
  'Jay', 'Howard', 'Jacob', 'Samuel', 'Joseph', 'Josh', 'Joshua', 'Andy', 'Arnold', 'Clive', 'Dennis', 'Douglas',
];
