package main

// The word lists the common-password list is made of, as the published
// lists of leaked passwords show them.

// top are passwords of the published top lists, as they appear there.
const top = `123456 password 12345678 qwerty 123456789 12345 1234 111111 1234567 dragon 123123 baseball abc123
football monkey letmein 696969 shadow master 666666 qwertyuiop 123321 mustang 1234567890 michael 654321
superman 1qaz2wsx 7777777 121212 000000 qazwsx 123qwe killer trustno1 jordan jennifer zxcvbnm asdfgh hunter
buster soccer harley batman andrew tigger sunshine iloveyou 2000 charlie robert thomas hockey ranger daniel
starwars klaster 112233 george computer michelle jessica pepper 1111 zxcvbn 555555 11111111 131313 freedom
777777 pass maggie 159753 aaaaaa ginger princess joshua cheese amanda summer love ashley nicole chelsea
biteme matthew access yankees 987654321 dallas austin thunder taylor matrix william corvette hello martin
heather secret merlin diamond 1234qwer gfhjkm hammer silver 222222 88888888 anthony justin test bailey
q1w2e3r4t5 patrick internet scooter orange 11111 golfer cookie richard samantha bigdog guitar jackson
whatever mickey chicken sparky snoopy maverick phoenix camaro peanut morgan welcome falcon cowboy ferrari
samsung andrea smokey steelers joseph mercedes dakota arsenal eagles melissa boomer booboo spider nascar
monster tigers yellow xxxxxx 123123123 gateway marina diablo bulldog qwer1234 compaq purple hardcore banana
junior hannah 123654 porsche lakers iceman money cowboys 987654 london tennis 999999 ncc1701 coffee scooby
0000 miller boston q1w2e3r4 fuckoff brandon yamaha chester mother forever johnny edward 333333 oliver
redsox player nikita knight fender barney midnight please brandy chicago badboy slayer rangers charles
angel flower rabbit wizard bigdick jasper enter rachel chris steven winner adidas victoria natasha 1q2w3e4r
jasmine winter prince panties marine ghbdtn fishing cocacola casper james 232323 raiders 888888 marlboro
gandalf asdfasdf crystal 87654321 12344321 golden blowme bigtits 8675309 panther lauren angela bitch
spanky thx1138 angels madison winston shannon mike toyota blowjob jordan23 canada sophie apples dick tiger
razz 123abc pokemon qazxsw 55555 qwaszx muffin johnson murphy cooper jonathan liverpoo david danielle
159357 jackie 1990 123456a 789456 turtle horny abcd1234 scorpion qazwsxedc 101010 butter carlos password1
dennis slipknot qwerty123 booger asdf 1991 black startrek 12341234 cameron newyork rainbow nathan john
1992 rocket viking redskins butthead asdfghjkl 1212 sierra peaches gemini doctor wilson sandra helpme
qwertyui victor florida dolphin pookie captain tucker blue liverpool theman bandit dolphins maddog
packers jaguar lovers nicholas united tiffany maxwell zzzzzz nirvana jeremy suckit stupid porn monica
elephant giants jackass hotdog rosebud success debbie mountain 444444 xxxxxxxx warrior 1q2w3e4r5t q1w2e3
123456q albert metallic lucky azerty 7777 shithead alex bond007 alexis 1111111 samson 5150 willie
scorpio bonnie gators benjamin voodoo driver dexter 2112 jason calvin freddy 212121 creative 12345a
sydney rush2112 1989 asdfghjk red123 bubba 4815162342 passw0rd trouble gunner happy fucking gordon legend
jessie stella qwert eminem arthur apple nissan bullshit bear america 1qazxsw2 nothing parker 4444 rebecca
qweqwe garfield 01012011 beavis 69696969 jack asdasd december 2222 102030 252525 11223344 magic apollo
skippy 315475 girls kitten golf copper braves shelby godzilla beaver fred tomcat august buddy airborne
1993 1988 lifehack qqqqqq brooklyn animal platinum phantom online xavier darkness blink182 power fish
green 789456123 voyager police travis 12qwaszx heaven snowball lover abcdef 00000 pakistan 007007
walter playboy blazer cricket sniper hooters donkey willow loveme saturn therock redwings bigboy pumpkin
trinity williams tits nintendo digital destiny topgun runner marvin guinness chance bubbles testing
fire november minecraft asdf1234 lasvegas sergey broncos cartman private celtic birdie little cassie
babygirl donald beatles 1313 dickhead family 12121212 school louise gabriel eclipse fluffy 147258369
lol123 explorer beer nelson flyers spencer scott lovely gibson doggie cherry andrey snickers buffalo
pantera metallica member carter qwertyu peter alexande steve bronco paradise goober 5555 samuel montana
mexico dreams michigan cock carolina yankee friends magnum surfer poopoo maximus genius cool vampire
lacrosse asd123 aaaa christin kimberly speedy sharon carmen 111222 kristina sammy racing ou812 sabrina
horses 0987654321 qwerty1 pimpin baby stalker enigma 147147 star poohbear boobies 147258 simple bollocks
12345q marcus brian 1987 qweasdzxc drowssap hahaha caroline barbara dave viper drummer action einstein
bitches genesis hello1 scotty friend forest 010203 hotrod google vanessa spitfire badger maryjane
friday alaska 1232323q tester jester jake champion billy 147852 rock hawaii badass chevy 420420 walker
stephen eagle1 bill 1986 october gregory svetlana pamela 1984 music shorty westside stanley diesel
courtney 242424 kevin porno hitman boobs mark 12345qwert reddog frank qwe123 popcorn patricia aaaaaaaa
1969 teresa mozart buddha anderson paul melanie abcdefg security lucky1 lizard denise 3333 a12345 123789
ruslan stargate simpsons scarface eagle 123456789a thumper olivia naruto 1234554321 general cherokee
a123456 vincent usuckballz1 spooky qweasd cumshot free frankie douglas death 1980 loveyou kitty kelly
veronica suzuki semperfi penguin mercury liberty spirit scotland natalie marley vikings system sucker
king allison marshall 1979 098765 qwerty12 hummer adrian 1985 vfhbyf sandman rocky leslie antonio 98765432
4321 softball passion mnbvcxz bastard passport horney rascal howard franklin bigred assman alexander
homer redrum jupiter claudia 55555555 141414 zaq12wsx shit patches nigger cunt raider infinity andre
54321 galore college russia kawasaki bishop 77777777 vladimir money1 freeuser wildcat francis disney
budlight brittany 1994 00000000 sweet oksana honda domino bulldogs brutus swordfis norman monday jimmy
ironman ford fantasy 9999 7654321 PASSWORD hentai duncan cougar 1977 jeffrey house dancer brooke timothy
super marines justice digger connor patriots karina 202020 molly everton tinker alicia rasdzv3 poop
pearljam stinky naughty colorado 123123a water test123 ncc1701d motorola ireland asdfg sebastia panties1
jimbo 1qw23e monkey1 aa123456 princess1 1q2w3e 111111a azerty123 computer1 999999999 zaq1zaq1 123456789q
admin admin123 welcome1 login abc123456 passw0rd1 password123 p@ssw0rd p@ssword pa55word pa$$word
master123 changeme letmein1 qwerty1234 iloveyou1 sunshine1 football1 baseball1 superman1 trustno1
whatever1 starwars1 monkey123 dragon123 shadow123 hello123 welcome123 qwe123qwe 1qaz2wsx3edc zaq12wsx
q1w2e3r4t5y6 1q2w3e4r5t6y 123qweasd qweasdzxc 1qaz!qaz password! passwd secret123 root toor administrator
guest default user temp temp123 demo sample test1 test1234 abcd abcde abcdef1 abcdefgh abcdefghi
asdf123 asdfgh123 zxcvbnm123 qwerty12345 1q2w3e4r5 123654789 159951 147896325 741852963 963852741
789789 456456 321321 123098 0123456789 01234567 00001111 11112222 aabbcc112233 a1b2c3 a1b2c3d4
aaa111 abc12345 abcabc abc123abc zaq123 zaqwsx zxc123 zxcv1234 qaz123 wsx123 1234abcd 12345abc
iloveu iloveyou2 loveyou1 lovelove ilovegod jesus jesus1 christ blessed godisgood faith grace hope
trustme letmein123 openup opensesame access14 accessdenied changeit newpass newpassword mypassword
mypass passpass password12 password1234 passwort motdepasse contrasena senha salasana wachtwoord
parola haslo qwertz qwertzuiop azertyuiop asdfghjkl123 yxcvbnm ytrewq poiuytrewq lkjhgfdsa mnbvcx
1qazxsw23edc 2wsx3edc 3edc4rfv 4rfv5tgb 5tgb6yhn zaq1xsw2 xsw2zaq1 !qaz2wsx 1qaz@wsx qazwsx123
q1w2e3r4t5y6u7 asdasd123 qweqwe123 123asd 123zxc 1234qwerasdf 1234zxcv qwer qwerasdf qwerty7
football123 princess123 charlie123 michael1 jordan1 jennifer1 hunter2 hunter1 ashley1 daniel1 soccer1
anthony1 matthew1 andrew1 joshua1 jessica1 michelle1 robert1 thomas1 william1 chelsea1 tigger1
summer1 summer2020 summer2021 summer2022 summer2023 summer2024 winter2020 winter2021 winter2022
winter2023 spring2023 autumn2023 fall2023 january february march april may june july september
spring autumn monday1 tuesday wednesday thursday saturday sunday weekend holiday vacation
letmein! welcome! welcome2020 welcome2021 welcome2022 welcome2023 welcome2024 welcome2025 company
company123 office office123 business work work123 support helpdesk service manager manager123 sales
marketing finance account accounting payroll student teacher school1 college1 university`

// words are common English words and things that fill leaked lists.
const words = `angel angels apple banana beauty beautiful bird birthday black blue bubbles butterfly candy
cat cats chocolate cookie cutie daisy dance dancer darling dream dreamer eagle flower flowers friend
friends funny girl girls gold golden green happy heart hearts honey hottie kiss kisses kitty lady lemon
life light lovely lucky magic mama mommy daddy papa mother father sister brother family baby babe
babydoll sweetie sweetheart sugar sunflower star stars sunny sweet tiger unicorn rainbow rose roses
secret silver smile snow snowflake soccer soleil spring strawberry summer sunset tinkerbell angelica
dragonfly firefly fire water earth wind storm thunder lightning ocean river lake mountain forest
sky moon sun planet galaxy universe space rocket pirate ninja samurai warrior knight king queen prince
princess castle dragon wizard witch ghost demon devil hell heaven angelic god jesus lord bible church
freedom liberty justice peace war army navy marine soldier sniper hunter shooter gun guns bullet
killer assassin shadow dark darkness night midnight evil monster zombie vampire werewolf alien robot
cyber hacker matrix computer internet online laptop system network server database windows linux
apple macintosh iphone android samsung nokia google facebook twitter youtube instagram yahoo hotmail
gmail outlook amazon ebay paypal netflix spotify steam xbox playstation nintendo gamer gaming games
player pokemon pikachu mario zelda sonic tetris minecraft fortnite roblox halo doom quake warcraft
starcraft diablo counter strike batman superman spiderman ironman hulk thor captain america marvel
avengers joker harley wolverine deadpool vader yoda skywalker jedi sith trooper chewbacca frodo gandalf
hobbit legolas aragorn potter hermione hogwarts dumbledore voldemort simpsons homer bart scooby snoopy
garfield mickey minnie donald goofy pluto bambi simba nemo dory elmo barney tweety bugs bunny porky
kermit shrek fiona charlie brown lucy linus woodstock popeye sailor moon sakura naruto goku vegeta
dragonball onepiece luffy bleach ichigo gundam totoro pepper salt sugar coffee tea milk cheese bread
butter pizza burger hotdog taco nacho cookie cupcake muffin donut cake pie candy chocolate vanilla
cherry peach mango kiwi grape orange lemon lime melon banana coconut pineapple apple strawberry
blueberry raspberry tomato potato carrot pumpkin pepper onion garlic chicken turkey bacon steak beef
pork fish shrimp lobster crab salmon tuna dolphin whale shark turtle frog snake lizard spider bear
wolf fox lion tiger panther jaguar leopard cheetah cougar puma lynx bobcat horse pony donkey mule cow
bull ox pig sheep goat lamb rabbit bunny hamster mouse rat squirrel monkey gorilla chimp panda koala
kangaroo zebra giraffe elephant rhino hippo camel llama alpaca penguin parrot eagle hawk falcon
raven crow owl pigeon duck goose swan chicken rooster puppy doggy doggie kitten kitty pussycat bulldog
poodle beagle boxer husky rottweiler labrador shepherd terrier chihuahua dog dogs cat cats pet pets
music rock rocker rockstar metal punk jazz blues reggae hiphop rapper guitar bass drums drummer piano
singer song songs dance party fun crazy cool awesome amazing perfect wonderful fantastic excellent
super best better good great nice pretty cute sexy hot hottie lovely sweety honey sugar darling
password passwords pass secret private access login admin user master boss chief leader winner champion
hero legend killer player lover hater fighter runner driver rider biker skater surfer climber
football soccer baseball basketball hockey tennis golf rugby cricket boxing wrestling karate judo
kungfu yoga fitness gym running cycling swimming skiing snowboard skate skateboard surfing fishing
hunting camping hiking travel adventure explorer journey summer winter spring autumn christmas
easter halloween thanksgiving newyear birthday valentine wedding married husband wife mylove
mylife myself mybaby myworld forever always never together destiny soulmate lovers trust faith hope
charity grace blessed blessing miracle angel1 prayer amen hallelujah jesuslovesme godbless
money cash dollar dollars rich million millions billion gold diamond diamonds ruby emerald sapphire
crystal pearl platinum silver copper iron steel stone rock diamond1 jewel treasure lucky7 seven
eleven twelve thirteen hundred thousand zero one two three four five six eight nine ten number
alpha beta gamma delta omega sigma theta zeta epsilon lambda kappa phoenix titan atlas zeus apollo
hermes poseidon hades athena venus mars jupiter saturn neptune pluto mercury orion pegasus hercules
spartan trojan viking pirate cowboy indian gangster mafia thug hustler baller pimp player playa
whatever nothing something anything everything nobody somebody anybody everybody hello hi hey
goodbye welcome thankyou thanks please sorry yes no maybe ok okay letmein iloveyou loveyou
fuckyou fuck shit damn hell sex sexy porn boobs pussy dick cock penis vagina horny naked nude
qwerty asdf zxcv test testing tester demo example sample default guest changeme`

// names are first names, surnames and nicknames common in leaked lists.
const names = `aaron abby abigail adam adrian aiden alan albert alejandro alex alexa alexander alexandra
alexis alice alicia alison allison amanda amber amelia amy ana andrea andrew andy angela angelina
anita ann anna anne annie anthony antonio april ariana ariel arthur ashley aubrey audrey austin
ava barbara barry becky ben benjamin bernard beth betty beverly bill billy blake bob bobby bonnie
brad bradley brandon brandy brenda brendan brent brett brian brianna bridget britney brittany brooke
bruce bryan caleb cameron camila carl carla carlos carmen carol caroline carolyn carrie casey
cassandra catherine cathy charles charlotte chelsea cheryl chloe chris christian christina
christine christopher cindy claire clara claudia cody colin connie connor courtney craig crystal
cynthia daisy dale dan dana daniel danielle danny darren dave david dawn dean debbie deborah
denise dennis derek diana diane dominic don donald donna doris dorothy doug douglas dylan eddie
edward eileen elaine eleanor elijah elizabeth ella ellen ellie emily emma eric erica erik erin
ethan eugene eva evan evelyn faith felix fernando fiona frances francis frank fred freddie
gabriel gabriella gail gary gavin george georgia gerald gina gloria grace graham greg gregory
hailey haley hannah harold harry heather helen henry holly hope howard hunter ian isaac isabel
isabella isaiah ivan jack jackie jackson jacob jacqueline jade jake james jamie jane janet janice
jared jasmine jason jay jean jeff jeffrey jenna jennifer jenny jeremy jerry jesse jessica jill jim
jimmy joan joanna joe joel john johnny jon jonathan jordan jose joseph josh joshua joy joyce juan
judith judy julia julian julie justin kaitlyn karen kate katelyn katherine kathleen kathryn kathy
katie kayla keith kelly kelsey ken kenneth kerry kevin kim kimberly kyle lance larry laura lauren
lawrence leah lee leo leon leonardo lillian lily linda lindsay lindsey lisa logan lori louis
louise lucas lucy luis luke lydia lynn madeline madison maggie mandy marc marcus margaret maria
mariah marie marilyn mario marissa mark martha martin marvin mary mason matt matthew maureen max
maxine megan melanie melissa melody mia michael michele michelle miguel mike mildred mitchell molly
monica morgan nancy naomi natalie nathan nathaniel neil nicholas nick nicole noah nora norma olivia
oscar owen paige pamela patricia patrick paul paula peggy penny peter philip phillip phyllis
rachel ralph randy ray raymond rebecca regina renee richard rick ricky riley rita robert roberta
robin rodney roger ronald ronnie rose ruby russell ruth ryan sabrina sally sam samantha samuel
sandra sandy sara sarah scott sean sebastian seth shane shannon sharon shawn sheila shelby shirley
sierra simon sofia sophia sophie spencer stacey stacy stanley stephanie stephen steve steven sue
susan suzanne sydney sylvia tammy tanya tara taylor teresa terry theresa thomas tiffany tim timothy
tina todd tom tommy tony tracy travis trevor troy tyler valerie vanessa veronica vicki victor
victoria vincent virginia walter wanda wayne wendy william willie xavier yolanda zachary zoe
smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez
wilson anderson thomas taylor moore jackson martin lee perez thompson white harris sanchez clark
ramirez lewis robinson walker young allen king wright scott torres nguyen hill flores green adams
nelson baker hall rivera campbell mitchell carter roberts ahmed ali mohammed muhammad fatima
aisha omar hassan hussein ahmad khan singh kumar sharma patel gupta raj rahul priya pooja neha
amit ankit deepak sunil anil vijay ravi sanjay suresh ramesh ganesh krishna shiva lakshmi
sergey andrey dmitry alexey vladimir nikolay ivan olga natasha tatiana svetlana irina elena
marina anastasia ekaterina oksana yulia maxim artem denis roman pavel mikhail igor oleg
hans klaus peter stefan thomas andreas michael markus jurgen wolfgang helmut dieter sabine
monika petra claudia andrea julia anja nicole jean pierre marie sophie camille nicolas julien
francois giuseppe marco luca giovanni francesco alessandro matteo lorenzo chiara giulia
carlos jose juan luis miguel pedro manuel javier diego pablo alejandro fernando ricardo
maria carmen ana laura isabel lucia paula elena sofia valentina camila daniela gabriela
hiroshi takeshi yuki sakura haruka kenji akira naoki wei ming li chen wang zhang liu yang huang
kim park lee choi jung kang cho yoon jang lim nam`

// places are teams, cities, countries, brands and bands common in leaked lists.
const places = `arsenal barcelona chelsea liverpool manchester manutd madrid realmadrid juventus milan
bayern celtic rangers everton tottenham spurs newcastle united city leeds westham cowboys
steelers eagles patriots packers giants jets raiders broncos bears lions vikings saints falcons
panthers chargers chiefs dolphins bills ravens bengals browns texans colts jaguars titans rams
seahawks cardinals redskins commanders yankees redsox mets dodgers cubs braves astros phillies
orioles tigers twins royals angels mariners padres rockies brewers pirates reds lakers celtics
bulls knicks warriors spurs heat rockets nets pistons sixers suns jazz blazers kings clippers
mavericks hawks magic pacers hornets nuggets grizzlies thunder penguins bruins canadiens
blackhawks redwings flyers capitals sabres islanders oilers flames canucks sharks ducks avalanche
london paris berlin madrid rome moscow tokyo beijing shanghai sydney melbourne toronto montreal
vancouver chicago boston newyork brooklyn manhattan dallas houston austin miami orlando atlanta
denver phoenix seattle portland detroit vegas lasvegas california texas florida georgia carolina
virginia alabama arizona colorado hawaii alaska oregon nevada montana dakota kansas ohio michigan
indiana kentucky tennessee memphis nashville orleans louisiana jersey america usa canada mexico
brazil argentina england scotland ireland wales france germany italy spain portugal holland
sweden norway denmark finland poland russia ukraine turkey greece egypt israel india pakistan
china japan korea vietnam thailand malaysia singapore indonesia philippines manila australia
zealand africa nigeria kenya ghana morocco europe asia atlantis hollywood disney disneyland
ferrari porsche lamborghini bmw mercedes audi volkswagen toyota honda nissan mazda subaru
mitsubishi suzuki yamaha kawasaki ducati harley chevy chevrolet camaro corvette mustang ford
dodge jeep cadillac lexus tesla volvo jaguar bentley maserati bugatti hummer nike adidas puma
reebok gucci prada chanel versace armani rolex coke cocacola pepsi sprite redbull budweiser
heineken guinness marlboro starbucks mcdonalds microsoft oracle cisco intel nvidia ibm dell
metallica nirvana slipknot linkinpark greenday blink182 beatles eminem tupac biggie drake
beyonce rihanna madonna shakira britney bieber oasis queen acdc ledzeppelin pinkfloyd korn
megadeth pantera ironmaiden ramones u2 coldplay radiohead rammstein scorpions aerosmith bonjovi`

// walks are keyboard walks, digit runs and repeated patterns.
const walks = `qwerty qwertyu qwertyui qwertyuio qwertyuiop asdf asdfg asdfgh asdfghj asdfghjk asdfghjkl
zxcv zxcvb zxcvbn zxcvbnm qazwsx qazwsxedc qazxsw wsxedc edcrfv rfvtgb tgbyhn yhnujm 1qaz 2wsx 3edc
4rfv 5tgb 6yhn 7ujm 8ik, 1qaz2wsx 2wsx3edc 1q2w3e 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y 1q2w3e4r5t6y7u
q1w2e3 q1w2e3r4 q1w2e3r4t5 q1w2e3r4t5y6 qwe qweasd qweasdzxc qweqwe qwerqwer asdasd asdqwe zxczxc
zaq1 zaq12wsx zaq1xsw2 xsw21qaz 1qazxsw2 1qaz1qaz 2wsx2wsx 1z2x3c 1a2s3d 1a2s3d4f a1s2d3f4 z1x2c3
qwertz qwertzu qwertzui qwertzuiop ytrewq ytrewq123 poiuy poiuytrewq lkjhg lkjhgfdsa mnbvc mnbvcxz
azerty azertyu azertyuiop qsdfgh qsdfghjklm wxcvbn 123qwe 123qweasd 123qweasdzxc 1234qwer
1234asdf 1234zxcv 12qw 12qwas 12qwaszx 123ewq 321ewq 147258 147258369 159357 159753 258456 258369
741852 741852963 789456 789456123 963852 963852741 852456 753951 951753 357159 456852 654987 987456
112233 11223344 1122334455 121212 12121212 123123 123123123 123321 1234321 12344321 1234554321
123454321 131313 141414 151515 202020 212121 232323 242424 252525 292929 101010 010101 000000 0000000
00000000 111111 1111111 11111111 222222 22222222 333333 33333333 444444 44444444 555555 55555555
666666 66666666 777777 77777777 888888 88888888 999999 99999999 123456 1234567 12345678 123456789
1234567890 0123456789 987654 9876543 98765432 987654321 9876543210 654321 7654321 87654321 54321
abcdef abcdefg abcdefgh abcdefghi abcdefghij abcabc abcabc123 aaaaaa aaaaaaa aaaaaaaa aaaaaaaaa
bbbbbb cccccc dddddd eeeeee ffffff gggggg hhhhhh iiiiii jjjjjj kkkkkk llllll mmmmmm nnnnnn oooooo
pppppp qqqqqq rrrrrr ssssss tttttt uuuuuu vvvvvv wwwwww xxxxxx yyyyyy zzzzzz a1a1a1 a1b2c3 a1b2c3d4
a1b2c3d4e5 abc123 abc1234 abc12345 abcd123 abcd1234 abcde12345 123abc 1234abc 12345abc qwe123
qwer123 qwert123 qwerty12 qwerty123 qwerty1234 qwerty12345 asdf12 asdf123 asdf1234 zxc123 zxcv123
1qaz2wsx3edc 1qaz2wsx3edc4rfv zaq12wsxcde3 !qaz@wsx !qaz2wsx 1qaz@wsx3edc !q2w3e4r !@#$%^
!@#$%^&* !@#$%^&*() 1q2w3e!q@w#e passw0rd p4ssw0rd p455w0rd pa55w0rd passwOrd paSSword`
