import type { DefineStrategyInput } from '../domain/strategy/defineStrategy.js';

/**
 * The Kalmar RUS as published ("Klimat att växa i – RUS för Kalmar län 2030"): the 2022 vision,
 * the four goal areas and their ten goals in the published order, the three perspectives.
 * English texts are the product's own translation.
 */
export const kalmarStrategy: DefineStrategyInput = {
  slug: 'rus-2030',
  nameSv: 'Klimat att växa i – RUS för Kalmar län 2030',
  nameEn: 'A climate for growth – regional development strategy for Kalmar county 2030',
  periodStart: 2018,
  periodEnd: 2030,
  status: 'adopted',
  isCurrent: true,
  visionSv:
    'År 2030 är Kalmar län en hållbar region där människor växer och där företag, föreningar och organisationer etablerar sig och utvecklas. Nära samverkan mellan länets alla aktörer har gett länet en unik konkurrenskraft och en stark koppling mellan stad och land.',
  visionEn:
    "In 2030 Kalmar county is a sustainable region where people grow and where companies, associations and organisations establish themselves and develop. Close cooperation between all the county's actors has given the county a unique competitiveness and a strong link between town and country.",
  goalAreas: [
    {
      slug: 'delaktighet-halsa-och-valbefinnande',
      nameSv: 'Delaktighet, hälsa och välbefinnande',
      nameEn: 'Participation, health and well-being',
      descriptionSv:
        'Människor i hela länet ska kunna vara delaktiga, känna sig trygga och må bra.',
      descriptionEn: 'People throughout the county can take part, feel safe and be well.',
      colour: '#7A2E5E',
      goals: [
        {
          code: '1.1',
          nameSv: 'Hög delaktighet och upplevd trygghet i hela länet.',
          nameEn: 'High participation and perceived safety throughout the county.',
        },
        {
          code: '1.2',
          nameSv: 'Hög självskattad hälsa i hela länet.',
          nameEn: 'High self-rated health throughout the county.',
        },
      ],
    },
    {
      slug: 'god-miljo-for-barn-och-unga',
      nameSv: 'God miljö för barn och unga',
      nameEn: 'A good environment for children and young people',
      descriptionSv:
        'Barn och unga i länet ska ha goda förutsättningar att lära, må bra och forma sin framtid.',
      descriptionEn:
        'Children and young people in the county have good conditions to learn, be well and shape their future.',
      colour: '#1F5C8C',
      goals: [
        {
          code: '2.1',
          nameSv:
            'Alla elever i länet slutför gymnasieexamen inom fyra år och har möjlighet till vidare studier och arbete.',
          nameEn:
            'All pupils in the county complete upper secondary school within four years and can go on to further studies and work.',
        },
        {
          code: '2.2',
          nameSv: 'Alla barn och unga har möjlighet till god hälsa och sunda levnadsvanor.',
          nameEn: 'All children and young people can have good health and healthy habits.',
        },
      ],
    },
    {
      slug: 'hallbar-samhallsplanering',
      nameSv: 'Hållbar samhällsplanering',
      nameEn: 'Sustainable community planning',
      descriptionSv:
        'Ett fossilbränslefritt län med robust, klimatanpassad och tillgänglig fysisk och digital infrastruktur.',
      descriptionEn:
        'A fossil-fuel-free county with robust, climate-adapted and accessible physical and digital infrastructure.',
      colour: '#2E6B34',
      goals: [
        {
          code: '3.1',
          nameSv: 'Region Kalmar län är en fossilbränslefri region.',
          nameEn: 'Region Kalmar län is a fossil-fuel-free region.',
        },
        {
          code: '3.2',
          nameSv:
            'Samhällsplaneringen är klimatanpassad och robust samt erbjuder trygga, tillgängliga och gröna miljöer för alla.',
          nameEn:
            'Community planning is climate-adapted and robust and offers safe, accessible and green environments for all.',
        },
        {
          code: '3.3',
          nameSv: 'Alla i länet har tillgång till väl utvecklad fysisk och digital infrastruktur.',
          nameEn:
            'Everyone in the county has access to well-developed physical and digital infrastructure.',
        },
      ],
    },
    {
      slug: 'starkt-konkurrenskraft',
      nameSv: 'Stärkt konkurrenskraft',
      nameEn: 'Strengthened competitiveness',
      descriptionSv:
        'Ett innovativt näringsliv med god tillgång till kompetens och fler kunskapsintensiva företag.',
      descriptionEn:
        'An innovative business sector with good access to skills and more knowledge-intensive companies.',
      colour: '#8A4A0F',
      goals: [
        {
          code: '4.1',
          nameSv: 'Länet har utvecklat digitala och hållbara lösningar för en global marknad.',
          nameEn: 'The county has developed digital and sustainable solutions for a global market.',
        },
        {
          code: '4.2',
          nameSv: 'God tillgång till välutbildad arbetskraft.',
          nameEn: 'Good access to a well-educated workforce.',
        },
        {
          code: '4.3',
          nameSv: 'Ökat antal företag inom kunskapsintensiv tjänstesektor.',
          nameEn: 'More companies in the knowledge-intensive service sector.',
        },
      ],
    },
  ],
  perspectives: [
    {
      slug: 'kompetensforsorjning',
      nameSv: 'Kompetensförsörjning',
      nameEn: 'Skills supply',
    },
    {
      slug: 'digital-omstallning',
      nameSv: 'Digital omställning',
      nameEn: 'Digital transformation',
    },
    {
      slug: 'internationalisering',
      nameSv: 'Internationalisering',
      nameEn: 'Internationalisation',
    },
  ],
};
